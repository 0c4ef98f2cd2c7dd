{
  "cache\\1" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "group" = "";
    "name" = "cache\\1";
    "stateful" = false;
  };
  "db \"main\"" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "max connections" = 100;
    "name" = "db \"main\"";
    "providesContainer" = "mysql-database";
  };
  "web app" = {
    "connectsTo" = [
      "cache\\1"
    ];
    "dependsOn" = [
      "db \"main\""
    ];
    "description" = "Says \"hi\" \\ costs \${price}\n\ttabbed\r\n<b>&amp;</b> é 😀";
    "group" = "front/end";
    "limits" = [
      (-1)
      2.5
      (-0.125)
      [
      ]
      {
      }
    ];
    "name" = "web app";
    "nested" = {
      "" = "empty name";
      "empty" = {
      };
      "list" = [
        {
          "a" = [
            1
            "x"
          ];
        }
      ];
    };
    "providesContainers" = {
      "c-1" = {
        "none" = null;
        "port" = 8080;
        "ratio" = 0.25;
        "tls" = true;
      };
    };
    "type" = "process";
  };
}