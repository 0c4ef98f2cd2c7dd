{
  "test1" = {
    "containers" = {
    };
    "properties" = {
      "description" = "First test machine";
      "hostname" = "test1";
    };
  };
  "test2" = {
    "containers" = {
      "mysql-database" = {
        "mysqlPort" = 3306;
      };
      "process" = {
      };
      "tomcat-webapplication" = {
      };
      "wrapper" = {
      };
    };
    "properties" = {
      "description" = "Second test machine";
      "hostname" = "test2";
    };
  };
}