{
  "ids" = {
    "gids" = {
    };
    "inetHTTPPorts" = {
      "supervisord" = 9001;
    };
    "uids" = {
    };
  };
  "lastAssignments" = {
    "inetHTTPPorts" = 9001;
  };
}