# Services divided over the targets by memory, lowest-bidder strategy.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.divide {
  strategy = "lowest-bidder";
  inherit services infrastructure;
  distribution = initialDistribution;
  serviceProperty = "requireMem";
  targetProperty = "mem";
}
