# Uses the 'clear' filter of customfilters.nix (gendist -F customfilters.nix).
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

filters.clear { distribution = initialDistribution; }
