{
  "descriptions" = {
    "description" = "Description";
    "type" = "Type";
  };
  "fields" = [
    "type"
    "description"
  ];
  "groups" = {
    "services" = "Services";
    "services/logging" = "Logging";
    "services/reporting" = "Reporting";
  };
}