# The same, after keeping only the targets whose access the service accepts.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

let
  accessible = filters.mapListOnAttr {
    inherit services infrastructure;
    distribution = initialDistribution;
    servicePropertyList = "requireAccess";
    targetProperty = "access";
  };
in
filters.minsetcover {
  inherit services infrastructure;
  distribution = accessible;
  targetProperty = "cost";
}
