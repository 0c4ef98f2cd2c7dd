# Candidates sorted by the targets' priority, lowest first.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.order {
  inherit infrastructure;
  distribution = initialDistribution;
  targetProperty = "priority";
}
