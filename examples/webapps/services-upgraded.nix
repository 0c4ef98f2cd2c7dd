# The upgrade of the article: webapp1 removed, webapp3 added.
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

  webapp3 = rec {
    name = "webapp3";
    port = ids.ports.webapp3 or 0;
    dnsName = "webapp.local";
    pkg = webapp {
      inherit port;
      instanceSuffix = "3";
    };
    type = "${processManager}-script";
    requiresUniqueIdsFor = [ "ports" "uids" "gids" ];
  };
}
