{
  ports = {
    min = 3000;
    max = 3001;
    scope = "global";
  };
}
