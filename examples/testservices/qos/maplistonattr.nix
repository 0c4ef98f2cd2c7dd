# Each service only on the targets whose zone is one of the service's requireZones.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.mapListOnAttr {
  inherit services infrastructure;
  distribution = initialDistribution;
  servicePropertyList = "requireZones";
  targetProperty = "zone";
}
