# The "more advanced example" of the article: each service type has its own port pool, and
# InfluxDB takes ports three apart (HTTP port, RPC port = HTTP port + 2).
{ pkgs ? {}, system ? builtins.currentSystem, distribution ? {}, invDistribution ? {}
, processManager ? "supervisord"
}:

let
  ids = if builtins.pathExists ./ids.nix then (import ./ids.nix).ids else {};
in
rec {
  apache = rec {
    name = "apache";
    port = ids.httpPorts.apache or 0;
    pkg = pkgs.apache { inherit port; };
    requiresUniqueIdsFor = [ "httpPorts" "uids" "gids" ];
  };

  postgresql = rec {
    name = "postgresql";
    port = ids.postgresqlPorts.postgresql or 0;
    pkg = pkgs.postgresql { inherit port; };
    requiresUniqueIdsFor = [ "postgresqlPorts" "uids" "gids" ];
  };

  influxdb = rec {
    name = "influxdb";
    httpPort = ids.influxdbPorts.influxdb or 0;
    rpcPort = httpPort + 2;
    pkg = pkgs.influxdb { inherit httpPort rpcPort; };
    requiresUniqueIdsFor = [ "influxdbPorts" "uids" "gids" ];
  };

  influxdb2 = rec {
    name = "influxdb2";
    httpPort = ids.influxdbPorts.influxdb2 or 0;
    rpcPort = httpPort + 2;
    pkg = pkgs.influxdb { inherit httpPort rpcPort; };
    requiresUniqueIdsFor = [ "influxdbPorts" "uids" "gids" ];
  };
}
