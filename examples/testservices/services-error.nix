# The test services with a testService1 whose package fails to instantiate (an assertion), for
# filter-buildable: it may run nowhere, the others everywhere.
{system, pkgs, distribution, invDistribution}:

let
  customPkgs = import ./pkgs { inherit pkgs system; };
in
rec {
  testService1B = {
    name = "testService1B";
    pkg = customPkgs.testService1B;
    type = "echo";
    requireMem = 262144;
    stateful = true;
  };

  testService2 = {
    name = "testService2";
    pkg = customPkgs.testService2;
    dependsOn = { testService1 = testService1B; };
    type = "echo";
    requireMem = 262143;
  };

  testService3 = {
    name = "testService3";
    pkg = customPkgs.testService3;
    dependsOn = { testService1 = testService1B; inherit testService2; };
    type = "echo";
    requireMem = 262145;
  };
}
