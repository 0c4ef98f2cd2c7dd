# Evaluates a QoS policy for `dyplan gendist` (docs/compatibility.md §1.4, §6.4). The models come
# as JSON files written by dyplan (what it read and validated); the policy is called with the
# arguments it declares of { services, infrastructure, initialDistribution, previousDistribution,
# filters, lib }.
#
# Algorithm filters ask dyplan, which reads this evaluation's standard error as it runs: a call
# prints its arguments as one `trace: dyplan-request:{json}` line, then `builtins.exec` runs a
# shell that reads one line from the standard input it inherits from nix-instantiate, where
# dyplan writes the name of a JSON file holding the plan's distribution (the same file again for a
# call it has answered before). So one evaluation runs the whole policy with real answers, however
# it uses them: `lib` functions over an algorithm's result, or branches on it. builtins.exec needs
# `allow-unsafe-native-code-during-evaluation`, which dyplan passes to this evaluation only.
# Errors found by the filters are printed as `trace: dyplan-error:{json}` with the position of the
# call. src/policies/nix-policy.ts is the other side.
#
# The models come either as JSON files dyplan wrote (policyServicesJSONFile...: what it read and
# validated), or, when they are Nix files, from models/nix/evaluate-models.nix called here with the
# arguments dyplan would give it (the ones it declares, among `args`): the models are evaluated in
# this process, printed as one `trace: dyplan-models:{json}` line for dyplan to check, and the
# policy goes on with them while dyplan validates; its first question waits for the check. The
# policy sees them as validation shapes them (src/policies/values.ts): each service named after its
# key with both dependency lists, each target with its properties and containers; dyplan checks
# that this is what it would have handed the policy, else it evaluates the policy again from JSON.
# The previous distribution is then asked for, when there is one (`askPrevious`).
{ modelsDir, qosFile, filtersFile ? "", policyServicesJSONFile ? "", policyInfrastructureJSONFile ? "",
  initialDistributionJSONFile ? "", previousDistributionJSONFile ? "", askPrevious ? false,
  catchErrors ? true, ... }@args:

let
  inherit (builtins) attrNames deepSeq exec filter fromJSON functionArgs head intersectAttrs
    isAttrs isFunction isList mapAttrs readFile removeAttrs seq sort toJSON trace tryEval
    unsafeGetAttrPos;

  readJSON = file: fromJSON (readFile file);
  lib = import (modelsDir + "/lib.nix");
  system = builtins.currentSystem;

  fromModels = policyServicesJSONFile == "";
  evaluator = import (modelsDir + "/evaluate-models.nix");
  evaluated = evaluator (intersectAttrs (functionArgs evaluator) args);
  modelsSent = trace ("dyplan-models:" + toJSON evaluated) true;
  targetAttributes = { targetProperty = null; system = null; numOfCores = null; clientInterface = null; };

  services =
    if fromModels then
      mapAttrs (name: s: s // { inherit name; dependsOn = s.dependsOn or []; connectsTo = s.connectsTo or []; })
        evaluated.services
    else readJSON policyServicesJSONFile;
  infrastructure =
    if fromModels then
      mapAttrs (_: t: { properties = t.properties or {}; containers = t.containers or {}; } // intersectAttrs targetAttributes t)
        evaluated.infrastructure
    else readJSON policyInfrastructureJSONFile;
  initialDistribution =
    if initialDistributionJSONFile != "" then readJSON initialDistributionJSONFile
    else let targets = attrNames infrastructure; in mapAttrs (_: _: targets) services;
  previousDistribution =
    if previousDistributionJSONFile != "" then readJSON previousDistributionJSONFile
    else if askPrevious then answerOf (toJSON { previousDistribution = true; })
    else null;

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

  # The answer file's name, as a Nix string, is the line dyplan writes back.
  answerOf = line: readJSON (trace ("dyplan-request:" + line)
    (exec [ "sh" "-c" "IFS= read -r answer && printf '%s' \"$answer\"" ]));

  request = filterName: args:
    let
      same = {
        services = args ? services && args.services == services;
        infrastructure = args ? infrastructure && args.infrastructure == infrastructure;
      };
      shipped = removeAttrs args (filter (n: same.${n}) [ "services" "infrastructure" ]);
      functions = filter (n: isFunction shipped.${n}) (attrNames shipped);
    in
    if functions != [] then fail filterName args "${head functions}: expected a value, got a function"
    else answerOf (toJSON { filter = filterName; args = shipped; inherit same; position = positionOf args; });

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
  # The models are printed before the policy starts (outside tryEval: a model that fails to
  # evaluate fails the run, and dyplan evaluates it on its own to say why).
  outcome = {
    inherit (attempt) success;
    result = if attempt.success then mark qos else null;
  };
in
if fromModels then seq modelsSent outcome else outcome
