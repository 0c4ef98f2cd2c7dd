# Package functions of the test services. dyplan never evaluates them: `pkg` is removed first.
{ pkgs, system }:

let
  echoService = name: pkgs.stdenv.mkDerivation {
    inherit name;
    buildCommand = "mkdir -p $out/bin; echo 'echo ${name}' > $out/bin/${name}";
  };
in
{
  testService1 = echoService "testService1";
  testService2 = echoService "testService2";
  testService3 = echoService "testService3";
  # Fails to instantiate, for filter-buildable (services-error.nix).
  testService1B = assert "the package is broken" == ""; echoService "testService1B";
}
