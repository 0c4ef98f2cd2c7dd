# Which candidate targets each service's package instantiates for (dyplan filter-buildable,
# docs/compatibility.md §5.7): the services model is called per target system with nixpkgs for
# that system, as Disnix does, and each `pkg` (applied to its inter-dependencies when it is a
# function) is instantiated by evaluating its drvPath, inside tryEval. Nothing is built.
{ modelsDir, servicesFile, infrastructureJSONFile, distributionJSONFile, extraParams ? {},
  only ? "" }:

let
  inherit (builtins) attrNames currentSystem filter functionArgs fromJSON head intersectAttrs isAttrs
    isFunction isString listToAttrs map mapAttrs readFile seq tryEval;

  readJSON = file: fromJSON (readFile file);
  infrastructure = readJSON infrastructureJSONFile;
  distribution = readJSON distributionJSONFile;
  nixpkgs = tryEval <nixpkgs>;

  callWith = f: args:
    if isFunction f then
      let formals = functionArgs f; in f (if formals == {} then args else intersectAttrs formals args)
    else f;
  servicesFun = import servicesFile;
  extra = if isFunction servicesFun then intersectAttrs (functionArgs servicesFun) extraParams else {};

  systemOf = target: infrastructure.${target}.system or currentSystem;
  servicesFor = system: callWith servicesFun ({
    inherit system;
    pkgs = import nixpkgs.value { inherit system; };
    distribution = {};
    invDistribution = {};
  } // extra);
  systems = listToAttrs (map (t: { name = systemOf t; value = null; }) (attrNames infrastructure));
  servicesPerSystem = mapAttrs (system: _: servicesFor system) systems;

  targetOf = mapping: if isString mapping then mapping else mapping.target;
  # What Disnix hands a package function for each inter-dependency: the service with its targets.
  dependencyArgs = services: service:
    mapAttrs (_: dependency:
      let
        targets = map (t: infrastructure.${targetOf t} // {
          container = infrastructure.${targetOf t}.containers.${dependency.type or ""} or {};
        }) (distribution.${dependency.name or ""} or []);
      in
      removeAttrs dependency [ "dependsOn" "connectsTo" "activatesAfter" ] // { inherit targets; target = head targets; }
    ) ((service.connectsTo or {}) // (service.dependsOn or {}));

  instantiates = serviceName: target:
    let
      services = servicesPerSystem.${systemOf target};
      service = services.${serviceName};
      pkg = if isFunction service.pkg then service.pkg (dependencyArgs services service) else service.pkg;
      attempt = tryEval (seq pkg.drvPath true);
    in
    service ? pkg && attempt.success;

  checked = if only == "" then distribution else { ${only} = distribution.${only}; };
in
if !nixpkgs.success then { nixpkgs = false; }
else {
  nixpkgs = true;
  result = mapAttrs (service: mappings: filter (m: instantiates service (targetOf m)) mappings) checked;
}
