# Evaluates the models of one dyplan command; see ../nix-eval.ts for the contract.
{ servicesFile ? "", infrastructureFile ? "", infrastructureJSONFile ? "", distributionFile ? "",
  distributionJSONFile ? "", previousDistributionFile ? "",
  idResourcesFile ? "", idsFile ? "", docsFile ? "", extraParams ? {}, targetProperty ? "hostname",
  # "auto": a function that declares processManager but neither distribution nor invDistribution is a
  # nix-processmgmt processes model; "processes" / "services" force the choice.
  servicesKind ? "auto" }:
let
  inherit (builtins) attrNames attrValues isAttrs isList isString isFunction isPath mapAttrs functionArgs
    intersectAttrs removeAttrs filter listToAttrs concatMap typeOf tryEval addErrorContext deepSeq elem;
  system = builtins.currentSystem;

  lib = import ./lib.nix;
  pkgs = { inherit lib system; };

  # Call f with the arguments it declares (all of them for a plain 'x: ...' lambda).
  callWith = f: args:
    if isFunction f then
      let formals = functionArgs f; in f (if formals == {} then args else intersectAttrs formals args)
    else f;
  extra = f: if isFunction f then intersectAttrs (functionArgs f) extraParams else {};
  # Every value dyplan reads is forced inside the context that names its model, so that Nix's
  # trace says which model an error belongs to even when it surfaces deep inside a lazy value.
  inModel = what: v: addErrorContext "while evaluating the ${what} (dyplan)" (deepSeq v v);

  isDerivation = v: isAttrs v && (v.type or null) == "derivation";
  # Functions and derivations have no JSON form: drop them; paths become strings (never copied).
  clean = v:
    if isAttrs v then
      mapAttrs (_: clean) (removeAttrs v (filter (n: let x = v.${n}; in isFunction x || isDerivation x) (attrNames v)))
    else if isList v then map clean (filter (x: !(isFunction x || isDerivation x)) v)
    else if isPath v then toString v
    else v;
  nameOf = d: if isString d then d else d.name;
  # attrValues gives the values in the order of their names, as attrNames does.
  toNames = deps:
    if isAttrs deps then map nameOf (attrValues deps)
    else if isList deps then map nameOf deps
    else deps;
  # Per service and attribute as few calls as possible (a model has 10,000s of them): only sets,
  # lists and paths go through clean, and derivations are recognised inline.
  dropped = svc: n: let x = svc.${n}; in
    n == "pkg" || isFunction x || (isAttrs x && (x.type or null) == "derivation");
  cleanAttr = n: v:
    if n == "dependsOn" || n == "connectsTo" || n == "activatesAfter" then toNames v
    else if isAttrs v || isList v || isPath v then clean v
    else v;
  cleanService = svc:
    if isAttrs svc then mapAttrs cleanAttr (removeAttrs svc (filter (dropped svc) (attrNames svc)))
    else svc;

  # The infrastructure as the model gives it (what Disnix hands the distribution and invDistribution).
  infrastructure =
    if infrastructureFile != "" then callWith (import infrastructureFile) {}
    else if infrastructureJSONFile != "" then builtins.fromJSON (builtins.readFile infrastructureJSONFile)
    else {};
  # The same targets carrying their own name, so that a distribution entry maps back to exactly the
  # target it was taken from, even when two targets share an address (the proxy example's 127.0.0.1).
  markedInfrastructure = mapAttrs (n: t: if isAttrs t then t // { __dyplanTarget = n; } else t) infrastructure;

  # properties.<targetProperty> value -> target name, for targets the distribution built itself
  # (first target in name order wins, as in dydisnix; the CLI warns about shared values).
  propertyOf = t: t.targetProperty or targetProperty;
  targetsByAddress = listToAttrs (concatMap (n:
    let t = infrastructure.${n}; p = propertyOf t; in
    if isAttrs t && isAttrs (t.properties or null) && t.properties ? ${p}
    then [ { name = toString t.properties.${p}; value = n; } ] else []) (attrNames infrastructure));
  targetName = t:
    if isString t then t
    else if isAttrs t && isString (t.__dyplanTarget or null) && infrastructure ? ${t.__dyplanTarget} then t.__dyplanTarget
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
  mappingsOf = v:
    if isList v then v
    else if isAttrs v && v ? targets && isList v.targets then v.targets
    else null;
  distributionEntry = v: let ms = mappingsOf v; in if ms == null then clean v else map mapping ms;
  # A distribution model is a function of the infrastructure (or a plain candidate distribution).
  distributionFun = file: let f = import file; in targets: callWith f ({ infrastructure = targets; } // extra f);
  evaluateDistribution = file: mapAttrs (_: distributionEntry) (distributionFun file markedInfrastructure);

  # The distribution the services model sees when -d is given: Disnix's, i.e. the distribution
  # function applied to the infrastructure as written (no name marks), or, for a distribution read
  # from JSON/YAML/XML, its names replaced by the infrastructure's targets.
  targetOf = name: if isString name && infrastructure ? ${name} then infrastructure.${name} else name;
  jsonMapping = m: if isAttrs m && m ? target then m // { target = targetOf m.target; } else targetOf m;
  jsonEntry = v:
    if isList v then map targetOf v
    else if isAttrs v && isList (v.targets or null) then { targets = map jsonMapping v.targets; }
    else v;
  rawDistribution =
    if distributionFile != "" then distributionFun distributionFile infrastructure
    else if distributionJSONFile != "" then mapAttrs (_: jsonEntry) (builtins.fromJSON (builtins.readFile distributionJSONFile))
    else null;
  # Target names per service, as dyplan maps them.
  mappedDistribution =
    if distributionFile != "" then evaluateDistribution distributionFile
    else if distributionJSONFile != "" then builtins.fromJSON (builtins.readFile distributionJSONFile)
    else {};
  targetsOf = service:
    let ms = mappingsOf (mappedDistribution.${service} or []); in
    if ms == null then [] else map (m: if isAttrs m then m.target or null else m) ms;
  # Disnix's inverse distribution: every target with the services distributed to it. The names
  # come from the distribution, the values from the services model, lazily, so that a services
  # model may build services from invDistribution (virtualhosts' reverse proxies) without recursion.
  inverseDistribution = services: mapAttrs (tn: t:
    if isAttrs t then t // {
      services = listToAttrs (concatMap (sn: if elem tn (targetsOf sn) then [ { name = sn; value = services.${sn}; } ] else [])
        (attrNames mappedDistribution));
    } else t) infrastructure;

  servicesFun = import servicesFile;
  formals = if isFunction servicesFun then functionArgs servicesFun else {};
  isProcessesModel =
    if servicesKind == "auto" then formals ? processManager && !(formals ? distribution) && !(formals ? invDistribution)
    else servicesKind == "processes";
  # nix-processmgmt's nixproc-id-assign (backends/disnix/services-adapter.nix) calls a processes model
  # with processManager = "disnix"; the model's own defaults hold for the other arguments, and these
  # stand in for the ones it requires without a default.
  processesDefaults = {
    stateDir = "/var"; runtimeDir = "/var/run"; logDir = "/var/log"; cacheDir = "/var/cache";
    spoolDir = "/var/spool"; lockDir = "/var/lock"; libDir = "/var/lib"; tmpDir = "/tmp";
    forceDisableUserChange = false; callingUser = null; callingGroup = null;
  };
  processes =
    let required = lib.filterAttrs (n: hasDefault: !hasDefault) formals; in
    mapAttrs (name: config: (if isAttrs config then config else {}) // { inherit name; type = "process"; })
      (callWith servicesFun (intersectAttrs required processesDefaults
        // { inherit system pkgs; processManager = "disnix"; } // extra servicesFun));
  services =
    if isProcessesModel then processes
    else let s = callWith servicesFun ({
      inherit system pkgs;
      distribution = if rawDistribution == null then {} else rawDistribution;
      invDistribution = if rawDistribution == null then {} else inverseDistribution s;
    } // extra servicesFun); in s;

  plain = file: clean (callWith (import file) {});
in
  (if servicesFile != "" then { services = inModel "services model" (mapAttrs (_: cleanService) services); } else {})
  // (if infrastructureFile != "" then { infrastructure = inModel "infrastructure model" (clean infrastructure); } else {})
  // (if distributionFile != "" then { distribution = inModel "distribution model" (evaluateDistribution distributionFile); } else {})
  // (if previousDistributionFile != "" then { previousDistribution = inModel "previous distribution" (evaluateDistribution previousDistributionFile); } else {})
  // (if idResourcesFile != "" then { idResources = inModel "ID resources model" (plain idResourcesFile); } else {})
  // (if idsFile != "" then { ids = inModel "ids model" (plain idsFile); } else {})
  // (if docsFile != "" then { docs = inModel "documentation configuration" (plain docsFile); } else {})
