# A deployment of services.nix over infrastructure.nix for `visualize-distribution`: the
# databases on test2, the portal on both machines, the logging API on test1.
{infrastructure}:

{
  errordb = [ infrastructure.test2 ];
  loggingdb = [ infrastructure.test2 ];
  reportingdb = [ infrastructure.test2 ];
  portaldb = [ infrastructure.test2 ];
  loggingapi = [ infrastructure.test1 ];
  reportingapi = {
    targets = [ { target = infrastructure.test2; container = "tomcat-webapplication"; } ];
  };
  portal = [ infrastructure.test1 infrastructure.test2 ];
}
