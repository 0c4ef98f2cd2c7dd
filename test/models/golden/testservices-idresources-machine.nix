{
  "ports" = {
    "max" = 4000;
    "min" = 3000;
    "scope" = "machine";
    "step" = 1;
  };
}