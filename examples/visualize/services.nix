# The services model of dydisnix's tests/visualize (reference §8.1): a portal using a logging and
# a reporting API, grouped into features. `pkg` refers to packages that are never built or even
# evaluated by the planning tools, so they need not exist.
{pkgs, system, distribution, invDistribution}:

rec {
  errordb = {
    name = "errordb";
    pkg = pkgs.errordb;
    type = "postgresql-database";
    description = "Error database backend";
    group = "services";
  };

  loggingdb = {
    name = "loggingdb";
    pkg = pkgs.loggingdb;
    type = "postgresql-database";
    description = "Logging database backend";
    group = "services/logging";
  };

  loggingapi = {
    name = "loggingapi";
    pkg = pkgs.loggingapi;
    dependsOn = {
      inherit loggingdb errordb;
    };
    type = "tomcat-webapplication";
    description = "Logging API";
    group = "services/logging";
  };

  reportingdb = {
    name = "reportingdb";
    pkg = pkgs.reportingdb;
    type = "postgresql-database";
    description = "Reporting database backend";
    group = "services/reporting";
  };

  reportingapi = {
    name = "reportingapi";
    pkg = pkgs.reportingapi;
    dependsOn = {
      inherit reportingdb errordb;
    };
    type = "tomcat-webapplication";
    description = "Reporting API";
    group = "services/reporting";
  };

  portaldb = {
    name = "portaldb";
    pkg = pkgs.portaldb;
    type = "tomcat-webapplication";
    description = "Database backend for the Portal application";
  };

  portal = {
    name = "portal";
    pkg = pkgs.portal;
    dependsOn = {
      inherit loggingapi reportingapi portaldb;
    };
    type = "tomcat-webapplication";
    description = "Portal web application";
  };
}
