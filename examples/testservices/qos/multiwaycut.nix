# Dependent services together: as few links between targets as possible.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.multiwaycut {
  inherit services infrastructure;
  distribution = initialDistribution;
}
