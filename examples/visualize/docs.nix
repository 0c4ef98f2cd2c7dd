# The docs configuration of dydisnix's tests/visualize (reference §1.9, §8.5).
{
  groups = {
    services = "Services";
    "services/logging" = "Logging";
    "services/reporting" = "Reporting";
  };

  fields = [ "type" "description" ];

  descriptions = {
    description = "Description";
    type = "Type";
  };
}
