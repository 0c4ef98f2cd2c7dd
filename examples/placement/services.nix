# A small web stack for `dyplan place`: memory and CPU demands (requireMem, requireCpu), replicas
# that must not share a machine (spreadGroup), and heavier links where more traffic flows
# (linkWeights, by dependency name). `pkg` is never built or evaluated by the planner.
{pkgs, system, distribution, invDistribution}:

rec {
  frontend-a = {
    name = "frontend-a";
    pkg = pkgs.frontend;
    dependsOn = { inherit api-a; };
    type = "process";
    requireMem = 1024;
    requireCpu = 1;
    spreadGroup = "frontend";
  };

  frontend-b = {
    name = "frontend-b";
    pkg = pkgs.frontend;
    dependsOn = { inherit api-b; };
    type = "process";
    requireMem = 1024;
    requireCpu = 1;
    spreadGroup = "frontend";
  };

  api-a = {
    name = "api-a";
    pkg = pkgs.api;
    dependsOn = { inherit db-primary cache; };
    type = "process";
    requireMem = 2048;
    requireCpu = 2;
    spreadGroup = "api";
    linkWeights = { db-primary = 10; };
  };

  api-b = {
    name = "api-b";
    pkg = pkgs.api;
    dependsOn = { inherit db-primary cache; };
    type = "process";
    requireMem = 2048;
    requireCpu = 2;
    spreadGroup = "api";
    linkWeights = { db-primary = 10; };
  };

  db-primary = {
    name = "db-primary";
    pkg = pkgs.postgresql;
    type = "process";
    requireMem = 6144;
    requireCpu = 4;
    spreadGroup = "db";
    stateful = true;
  };

  db-replica = {
    name = "db-replica";
    pkg = pkgs.postgresql;
    dependsOn = { inherit db-primary; };
    type = "process";
    requireMem = 6144;
    requireCpu = 4;
    spreadGroup = "db";
    stateful = true;
    linkWeights = { db-primary = 5; };
  };

  cache = {
    name = "cache";
    pkg = pkgs.redis;
    type = "process";
    requireMem = 1024;
    requireCpu = 1;
  };

  queue = {
    name = "queue";
    pkg = pkgs.rabbitmq;
    type = "process";
    requireMem = 1024;
    requireCpu = 1;
  };

  worker = {
    name = "worker";
    pkg = pkgs.worker;
    dependsOn = { inherit db-primary queue; };
    type = "process";
    requireMem = 2048;
    requireCpu = 2;
  };
}
