# Augments an infrastructure model (dyplan augment-infra, docs/compatibility.md §1.6, §5.14): the
# augmentation function is called with the infrastructure as written and `lib`, and its result is
# printed as JSON (functions and derivations dropped, paths as strings), as dyplan reads models.
{ modelsDir, augmentFile, infrastructureFile ? "", infrastructureJSONFile ? "" }:

let
  inherit (builtins) attrNames filter fromJSON functionArgs intersectAttrs isAttrs isFunction isList
    isPath mapAttrs readFile removeAttrs;

  lib = import (modelsDir + "/lib.nix");
  infrastructure =
    if infrastructureFile != "" then import infrastructureFile
    else fromJSON (readFile infrastructureJSONFile);
  augment = import augmentFile;
  formals = if isFunction augment then functionArgs augment else {};
  arguments = { inherit infrastructure lib; };
  augmented =
    if isFunction augment then augment (if formals == {} then arguments else intersectAttrs formals arguments)
    else augment;

  isDerivation = v: isAttrs v && (v.type or null) == "derivation";
  clean = v:
    if isAttrs v then
      mapAttrs (_: clean) (removeAttrs v (filter (n: isFunction v.${n} || isDerivation v.${n}) (attrNames v)))
    else if isList v then map clean (filter (x: !(isFunction x || isDerivation x)) v)
    else if isPath v then toString v
    else v;
in
clean augmented
