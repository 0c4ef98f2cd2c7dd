# Evaluates a QoS policy for `dyplan gendist` (docs/compatibility.md §1.4, §6.4). The models come
# as JSON files written by dyplan (what it read and validated); the policy is called with the
# arguments it declares of { services, infrastructure, initialDistribution, previousDistribution,
# filters, lib }.
#
# Algorithm filters are requests: the first time a call is met, its arguments are printed on
# standard error as one `trace: dyplan-request:{json}` line and the call gives a placeholder;
# dyplan runs the plan (and the plans of calls that take that placeholder as their distribution),
# then evaluates again with the answers in `resultsFile`. Each evaluation answers at least the
# first call it meets, so a policy with k algorithm steps takes at most k + 1 evaluations (2 for a
# chain of algorithm steps), and a policy may apply any lib function to an algorithm's result.
# Errors found by the filters are printed as `trace: dyplan-error:{json}` with the position of the
# call. src/policies/nix-policy.ts is the other side.
{ modelsDir, qosFile, filtersFile ? "", servicesJSONFile, infrastructureJSONFile,
  initialDistributionJSONFile ? "", previousDistributionJSONFile ? "", resultsFile ? "",
  catchErrors ? true }:

let
  inherit (builtins) attrNames deepSeq filter foldl' fromJSON functionArgs hashString head
    intersectAttrs isAttrs isFunction isList mapAttrs readFile removeAttrs sort toJSON trace
    tryEval unsafeGetAttrPos;

  readJSON = file: fromJSON (readFile file);
  lib = import (modelsDir + "/lib.nix");
  system = builtins.currentSystem;

  services = readJSON servicesJSONFile;
  infrastructure = readJSON infrastructureJSONFile;
  initialDistribution =
    if initialDistributionJSONFile != "" then readJSON initialDistributionJSONFile
    else let targets = attrNames infrastructure; in mapAttrs (_: _: targets) services;
  previousDistribution =
    if previousDistributionJSONFile != "" then readJSON previousDistributionJSONFile else null;
  results = if resultsFile != "" then readJSON resultsFile else {};

  callWith = f: args:
    if isFunction f then
      let formals = functionArgs f; in f (if formals == {} then args else intersectAttrs formals args)
    else f;

  # Where a filter was called: the first attribute of its argument set in the policy's text.
  positionOf = args:
    let
      positions = filter (p: p != null) (map (n: unsafeGetAttrPos n args) (attrNames (if isAttrs args then args else {})));
      before = a: b: a.line < b.line || (a.line == b.line && a.column < b.column);
    in
    if positions == [] then null else head (sort before positions);

  failWith = kind: filterName: args: message:
    trace ("dyplan-error:" + toJSON { inherit kind message; filter = filterName; position = positionOf args; })
      (throw "filters.${filterName}: ${message}");
  fail = failWith "input";
  infeasible = failWith "infeasible";

  # Answers are looked up by a hash of the call without its distribution, then by comparing the
  # distribution itself (Nix's ==), so that dyplan can also answer a call whose distribution is the
  # pending answer of another call, without computing Nix's hash of it.
  request = filterName: args:
    let
      same = {
        services = args ? services && args.services == services;
        infrastructure = args ? infrastructure && args.infrastructure == infrastructure;
      };
      shipped = removeAttrs args (filter (n: same.${n}) [ "services" "infrastructure" ]);
      functions = filter (n: isFunction shipped.${n}) (attrNames shipped);
      distribution = shipped.distribution or null;
      restKey = hashString "sha256"
        (toJSON { filter = filterName; args = removeAttrs shipped [ "distribution" ]; inherit same; });
      found = filter (answer: answer.distribution == distribution) (results.${restKey} or []);
      line = toJSON { filter = filterName; args = shipped; inherit same restKey; position = positionOf args; };
    in
    if functions != [] then fail filterName args "${head functions}: expected a value, got a function"
    else if found != [] then (head found).result
    # Pending: the evaluation goes on with a placeholder, so that an algorithm filter given this
    # result directly is asked for in the same evaluation; whatever else the policy computes from
    # the placeholder is never used (dyplan evaluates again once the answers are in).
    else trace ("dyplan-request:" + line) { __dyplanPending = hashString "sha256" line; };

  referenceFilters = import ./filters.nix { inherit lib request fail infeasible; };
  filters =
    if filtersFile == "" then referenceFilters
    else callWith (import filtersFile) { pkgs = { inherit lib system; }; inherit lib referenceFilters; };

  qos = callWith (import qosFile) {
    inherit services infrastructure initialDistribution previousDistribution filters lib;
  };

  # Functions and derivations have no JSON form: marked, so that dyplan can say what came back.
  mark = value:
    if isFunction value then { __dyplanFunction = true; }
    else if isAttrs value then
      (if (value.type or null) == "derivation" then { __dyplanDerivation = true; } else mapAttrs (_: mark) value)
    else if isList value then map mark value
    else value;

  attempt = if catchErrors then tryEval (deepSeq qos true) else { success = deepSeq qos true; };
in
{
  inherit (attempt) success;
  result = if attempt.success then mark qos else null;
}
