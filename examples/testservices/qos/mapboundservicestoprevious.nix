# Services that ran before go back where they ran (as long as that target is still a candidate).
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.mapBoundServicesToPrevious {
  inherit services previousDistribution;
  distribution = initialDistribution;
}
