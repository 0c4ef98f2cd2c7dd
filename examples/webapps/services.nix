# Two instances of a web application, each needing a unique port, UID and GID (the example of
# "Assigning unique IDs to services in Disnix deployment models", 2020). The ids come from
# ids.nix, written by `dyplan id-assign`; until it exists every port is 0.
{ pkgs, system, distribution, invDistribution
, stateDir ? "/var"
, processManager ? "sysvinit"
, ...
}:

let
  ids = if builtins.pathExists ./ids.nix then (import ./ids.nix).ids else {};

  webapp = { port, instanceSuffix }: pkgs.stdenv.mkDerivation {
    name = "webapp${instanceSuffix}";
    buildCommand = "echo PORT=${toString port} > $out";
  };
in
rec {
  webapp1 = rec {
    name = "webapp1";
    port = ids.ports.webapp1 or 0;
    dnsName = "webapp.local";
    pkg = webapp {
      inherit port;
      instanceSuffix = "1";
    };
    type = "${processManager}-script";
    requiresUniqueIdsFor = [ "ports" "uids" "gids" ];
  };

  webapp2 = rec {
    name = "webapp2";
    port = ids.ports.webapp2 or 0;
    dnsName = "webapp.local";
    pkg = webapp {
      inherit port;
      instanceSuffix = "2";
    };
    type = "${processManager}-script";
    requiresUniqueIdsFor = [ "ports" "uids" "gids" ];
  };
}
