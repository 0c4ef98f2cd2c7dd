# No filter at all: each service on the first of its candidates (plain Nix and lib).
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

lib.mapAttrs (serviceName: targets: [ (builtins.head targets) ]) initialDistribution
