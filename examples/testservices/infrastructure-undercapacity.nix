# infrastructure.nix with almost no memory on either target.
let
  infrastructure = import ./infrastructure.nix;
in
builtins.mapAttrs (name: target: target // { properties = target.properties // { mem = 1; }; }) infrastructure
