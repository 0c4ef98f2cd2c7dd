# infrastructure.nix plus testtarget3, identical to testtarget2 but for its hostname.
let
  infrastructure = import ./infrastructure.nix;
in
infrastructure // {
  testtarget3 = {
    properties = infrastructure.testtarget2.properties // { hostname = "testtarget3"; };
  };
}
