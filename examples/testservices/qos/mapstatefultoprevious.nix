# Stateful services stay where they ran before; the others may go anywhere.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.mapStatefulToPrevious {
  inherit services previousDistribution;
  distribution = initialDistribution;
}
