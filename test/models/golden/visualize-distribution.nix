{
  "errordb" = [
    {
      "target" = "test2";
    }
  ];
  "loggingapi" = [
    {
      "target" = "test1";
    }
  ];
  "loggingdb" = [
    {
      "target" = "test2";
    }
  ];
  "portal" = [
    {
      "target" = "test1";
    }
    {
      "target" = "test2";
    }
  ];
  "portaldb" = [
    {
      "target" = "test2";
    }
  ];
  "reportingapi" = [
    {
      "target" = "test2";
      "container" = "tomcat-webapplication";
    }
  ];
  "reportingdb" = [
    {
      "target" = "test2";
    }
  ];
}