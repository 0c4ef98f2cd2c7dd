# A container provider and its client (reference §8.1): tomcat provides the
# tomcat-webapplication container that app is deployed into; app only talks to it (connectsTo).
{system, pkgs, distribution, invDistribution}:

rec {
  tomcat = {
    name = "tomcat";
    pkg = pkgs.tomcat;
    type = "systemd-unit";
    providesContainer = "tomcat-webapplication";
  };

  app = {
    name = "app";
    pkg = pkgs.app;
    type = "tomcat-webapplication";
    connectsTo = {
      inherit tomcat;
    };
  };
}
