{
  ports = {
    min = 2000;
    max = 3000;
    scope = "global";
  };
}
