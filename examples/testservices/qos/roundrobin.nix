# One target per service, taking turns.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.divideRoundRobin { distribution = initialDistribution; }
