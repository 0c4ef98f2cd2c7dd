# A policy that branches on an algorithm step's result before it calls the next step: the services
# are divided by memory, and the division decides how they are then cut (each step is planned
# once, with the real division).
{services, infrastructure, initialDistribution, filters}:

let
  divided = filters.divide {
    strategy = "greedy";
    inherit services infrastructure;
    distribution = initialDistribution;
    serviceProperty = "requireMem";
    targetProperty = "mem";
  };
in
if divided ? testService1 && divided.testService1 == [ "testtarget1" ]
then filters.multiwaycut { inherit services; distribution = divided; }
else filters.multiwaycut { inherit services; distribution = divided; algorithm = "isolating-cuts"; }
