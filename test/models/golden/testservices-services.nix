{
  "testService1" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "name" = "testService1";
    "requireAccess" = [
      "public"
      "private"
    ];
    "requireMem" = 262144;
    "requireZone" = "US";
    "requireZones" = [
      "US"
      "Asia"
    ];
    "stateful" = true;
    "type" = "echo";
  };
  "testService2" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
      "testService1"
    ];
    "name" = "testService2";
    "requireAccess" = [
      "public"
      "private"
    ];
    "requireMem" = 262143;
    "requireZone" = "US";
    "requireZones" = [
      "Europe"
      "Asia"
    ];
    "type" = "echo";
  };
  "testService3" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
      "testService1"
      "testService2"
    ];
    "name" = "testService3";
    "requireAccess" = [
      "private"
    ];
    "requireMem" = 262145;
    "requireZone" = "Europe";
    "requireZones" = [
      "US"
      "Europe"
    ];
    "type" = "echo";
  };
}