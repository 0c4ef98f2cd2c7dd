{
  "app" = {
    "connectsTo" = [
      "tomcat"
    ];
    "dependsOn" = [
    ];
    "name" = "app";
    "type" = "tomcat-webapplication";
  };
  "tomcat" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "name" = "tomcat";
    "providesContainer" = "tomcat-webapplication";
    "type" = "systemd-unit";
  };
}