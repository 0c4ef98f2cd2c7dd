{
  "errordb" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "description" = "Error database backend";
    "group" = "services";
    "name" = "errordb";
    "type" = "postgresql-database";
  };
  "loggingapi" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
      "errordb"
      "loggingdb"
    ];
    "description" = "Logging API";
    "group" = "services/logging";
    "name" = "loggingapi";
    "type" = "tomcat-webapplication";
  };
  "loggingdb" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "description" = "Logging database backend";
    "group" = "services/logging";
    "name" = "loggingdb";
    "type" = "postgresql-database";
  };
  "portal" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
      "loggingapi"
      "portaldb"
      "reportingapi"
    ];
    "description" = "Portal web application";
    "name" = "portal";
    "type" = "tomcat-webapplication";
  };
  "portaldb" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "description" = "Database backend for the Portal application";
    "name" = "portaldb";
    "type" = "tomcat-webapplication";
  };
  "reportingapi" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
      "errordb"
      "reportingdb"
    ];
    "description" = "Reporting API";
    "group" = "services/reporting";
    "name" = "reportingapi";
    "type" = "tomcat-webapplication";
  };
  "reportingdb" = {
    "connectsTo" = [
    ];
    "dependsOn" = [
    ];
    "description" = "Reporting database backend";
    "group" = "services/reporting";
    "name" = "reportingdb";
    "type" = "postgresql-database";
  };
}