# As the Disnix stafftracker examples: targets that support the type, then round robin.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

let
  supported = filters.mapAttrOnList {
    inherit services infrastructure;
    distribution = initialDistribution;
    serviceProperty = "type";
    targetPropertyList = "supportedTypes";
  };
in
filters.divideRoundRobin { distribution = supported; }
