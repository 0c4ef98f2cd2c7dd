# A filter, an algorithm step, and lib functions over the algorithm's result: the services are
# divided by memory among the targets of their zones, then testService3 gets a standby target and
# testService2 is pinned to every target but testtarget1.
{services, infrastructure, initialDistribution, previousDistribution, filters, lib}:

let
  inZone = filters.mapListOnAttr {
    inherit services infrastructure;
    distribution = initialDistribution;
    servicePropertyList = "requireZones";
    targetProperty = "zone";
  };
  divided = filters.divide {
    strategy = "greedy";
    inherit services infrastructure;
    distribution = inZone;
    serviceProperty = "requireMem";
    targetProperty = "mem";
  };
in
lib.mapAttrs (name: targets:
  if name == "testService3" then targets ++ [ "testtarget1" ] else targets
) divided
// { testService2 = builtins.filter (t: t != "testtarget1") (builtins.attrNames infrastructure); }
