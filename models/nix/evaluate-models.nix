# Evaluates the models of one dyplan command; see ../nix-eval.ts for the contract.
{ servicesFile ? "", infrastructureFile ? "", infrastructureJSONFile ? "", distributionFile ? "",
  previousDistributionFile ? "",
  idResourcesFile ? "", idsFile ? "", docsFile ? "", extraParams ? {}, targetProperty ? "hostname" }:
let
  inherit (builtins) attrNames isAttrs isList isString isFunction isPath mapAttrs functionArgs
    intersectAttrs removeAttrs filter listToAttrs concatMap typeOf tryEval;
  system = builtins.currentSystem;

  lib = import ./lib.nix;
  pkgs = { inherit lib system; };

  # Call f with the arguments it declares (all of them for a plain 'x: ...' lambda).
  callWith = f: args:
    if isFunction f then
      let formals = functionArgs f; in f (if formals == {} then args else intersectAttrs formals args)
    else f;
  extra = f: if isFunction f then intersectAttrs (functionArgs f) extraParams else {};

  isDerivation = v: isAttrs v && (v.type or null) == "derivation";
  # Functions and derivations have no JSON form: drop them; paths become strings (never copied).
  clean = v:
    if isAttrs v then
      mapAttrs (_: clean) (removeAttrs v (filter (n: let x = v.${n}; in isFunction x || isDerivation x) (attrNames v)))
    else if isList v then map clean (filter (x: !(isFunction x || isDerivation x)) v)
    else if isPath v then toString v
    else v;
  nameOf = d: if isString d then d else d.name;
  toNames = deps:
    if isAttrs deps then map (p: nameOf deps.${p}) (attrNames deps)
    else if isList deps then map nameOf deps
    else deps;
  referenceAttrs = [ "dependsOn" "connectsTo" "activatesAfter" ];
  cleanService = svc:
    if isAttrs svc then
      mapAttrs (n: v: if builtins.elem n referenceAttrs then toNames v else clean v)
        (removeAttrs svc (filter (n: n == "pkg" || isFunction svc.${n} || isDerivation svc.${n}) (attrNames svc)))
    else svc;

  servicesFun = import servicesFile;
  services = callWith servicesFun ({
    inherit system pkgs;
    distribution = {};
    invDistribution = {};
  } // extra servicesFun);

  infrastructure =
    if infrastructureFile != "" then callWith (import infrastructureFile) {}
    else if infrastructureJSONFile != "" then builtins.fromJSON (builtins.readFile infrastructureJSONFile)
    else {};

  # properties.<targetProperty> value -> target name (first target wins, as in dydisnix).
  propertyOf = t: t.targetProperty or targetProperty;
  targetsByAddress = listToAttrs (concatMap (n:
    let t = infrastructure.${n}; p = propertyOf t; in
    if isAttrs t && isAttrs (t.properties or null) && t.properties ? ${p}
    then [ { name = toString t.properties.${p}; value = n; } ] else []) (attrNames infrastructure));
  targetName = t:
    if isString t then t
    else if isAttrs t then
      (let p = propertyOf t; address = if isAttrs (t.properties or null) && t.properties ? ${p} then toString t.properties.${p} else null; in
       if address != null && targetsByAddress ? ${address} then targetsByAddress.${address}
       else { __unresolvedTarget = if address == null then "" else address; __property = p; })
    else { __invalidTarget = typeOf t; };
  mapping = e:
    if isString e then e
    else if isAttrs e && e ? target && !(e ? properties) then
      { target = targetName e.target; } // (if e ? container then { inherit (e) container; } else {})
    else targetName e;  # a plain name, as in a candidate distribution
  distributionEntry = v:
    if isList v then map mapping v
    else if isAttrs v && v ? targets && isList v.targets then map mapping v.targets
    else clean v;
  # A distribution model is a function of the infrastructure (or a plain candidate distribution).
  evaluateDistribution = file:
    let f = import file; in
    mapAttrs (_: distributionEntry) (callWith f ({ inherit infrastructure; } // extra f));

  plain = file: clean (callWith (import file) {});
in
  (if servicesFile != "" then { services = mapAttrs (_: cleanService) services; } else {})
  // (if infrastructureFile != "" then { infrastructure = clean infrastructure; } else {})
  // (if distributionFile != "" then { distribution = evaluateDistribution distributionFile; } else {})
  // (if previousDistributionFile != "" then { previousDistribution = evaluateDistribution previousDistributionFile; } else {})
  // (if idResourcesFile != "" then { idResources = plain idResourcesFile; } else {})
  // (if idsFile != "" then { ids = plain idsFile; } else {})
  // (if docsFile != "" then { docs = plain docsFile; } else {})
