{
  ports = {
    min = 3000;
    max = 4000;
    scope = "machine";
  };
}
