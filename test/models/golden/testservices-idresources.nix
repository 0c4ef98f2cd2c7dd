{
  "ports" = {
    "max" = 4000;
    "min" = 3000;
    "scope" = "global";
    "step" = 1;
  };
}