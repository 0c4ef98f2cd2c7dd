# Every dependency a network link, on as few targets as possible.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.graphcol { inherit services infrastructure; }
