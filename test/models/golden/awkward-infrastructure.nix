{
  "host.example" = {
    "clientInterface" = "disnix-ssh-client";
    "containers" = {
      "mysql-database" = {
        "mysqlPort" = 3306;
      };
      "process" = {
      };
    };
    "numOfCores" = 4;
    "properties" = {
      "hostname" = "h\"1";
      "mem" = 1024;
      "tags" = {
        "<tier>" = "a&b";
      };
      "zones" = [
        "eu-1"
        "eu-2"
      ];
    };
    "system" = "x86_64-linux";
    "targetProperty" = "hostname";
  };
  "plain" = {
    "containers" = {
    };
    "properties" = {
    };
  };
}