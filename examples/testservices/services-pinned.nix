# The test services with a pinned port (fixedIds) and a preferred one (preferredIds).
{system, pkgs, distribution, invDistribution}:

let
  customPkgs = import ./pkgs { inherit pkgs system; };
in
rec {
  testService1 = {
    name = "testService1";
    pkg = customPkgs.testService1;
    type = "echo";
    requiresUniqueIdsFor = [ "ports" "uids" ];
  };

  testService2 = {
    name = "testService2";
    pkg = customPkgs.testService2;
    dependsOn = {
      inherit testService1;
    };
    type = "echo";
    requiresUniqueIdsFor = [ "ports" "uids" ];
    fixedIds = { ports = 3001; };
  };

  testService3 = {
    name = "testService3";
    pkg = customPkgs.testService3;
    dependsOn = {
      inherit testService1 testService2;
    };
    type = "echo";
    requiresUniqueIdsFor = [ "ports" "uids" ];
    preferredIds = { ports = 3500; };
  };
}
