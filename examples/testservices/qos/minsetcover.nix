# The cheapest set of targets (by cost) that hosts every service.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.minsetcover {
  inherit services infrastructure;
  distribution = initialDistribution;
  targetProperty = "cost";
}
