{
  "testtarget1" = {
    "containers" = {
    };
    "properties" = {
      "access" = "public";
      "cost" = 100;
      "hostname" = "testtarget1";
      "mem" = 524288;
      "priority" = 2;
      "supportedTypes" = [
        "echo"
        "process"
        "wrapper"
      ];
      "zone" = "US";
    };
  };
  "testtarget2" = {
    "containers" = {
    };
    "properties" = {
      "access" = "private";
      "cost" = 200;
      "hostname" = "testtarget2";
      "mem" = 655360;
      "priority" = 1;
      "supportedTypes" = [
        "echo"
        "process"
        "wrapper"
      ];
      "zone" = "Europe";
    };
  };
}