# The reference filters of Dynamic Disnix QoS policies (docs/compatibility.md §6), written for dyplan.
# Candidate distributions map each service to a list of targets: names, or { target; container; }
# mappings, which every filter here accepts (the original's only handled names, bug 29).
# The pure filters run here; the algorithm filters (divide, multiwaycut, minsetcover, graphcol) ask
# dyplan to run its plans through `request` (the protocol is in gendist.nix and
# src/policies/nix-policy.ts). `fail` and `infeasible` stop the evaluation with an error naming the
# call (bad input; no placement possible).
{ lib, request, fail, infeasible }:

let
  inherit (builtins) attrNames elem elemAt filter foldl' genList getAttr hasAttr head isAttrs
    isList isString length listToAttrs mapAttrs seq sort toJSON typeOf;

  targetOf = mapping: if isString mapping then mapping else mapping.target;

  describe = value:
    if isString value then "the string \"${value}\""
    else if isAttrs value then "an attribute set"
    else if isList value then "a list"
    else typeOf value;

  # Look-ups that fail with a message naming the filter call instead of a bare Nix error.
  serviceOf = name: args: service:
    if hasAttr service args.services then getAttr service args.services
    else fail name args "the distribution names service \"${service}\", which is not in services";
  # servicePropertyOf name args property is a function of the service, applied once per service
  # (Nix counts every curried argument as a call: the first three are bound once per filter).
  servicePropertyOf = name: args: property: service:
    if hasAttr service args.services then
      let s = getAttr service args.services; in
      if hasAttr property s then getAttr property s
      else fail name args "service \"${service}\" has no attribute ${property}"
    else fail name args "the distribution names service \"${service}\", which is not in services";
  targetOfInfrastructure = name: args: target:
    if hasAttr target args.infrastructure then getAttr target args.infrastructure
    else fail name args "the distribution names target \"${target}\", which is not in infrastructure";
  targetPropertyOf = name: args: target: property:
    let properties = (targetOfInfrastructure name args target).properties or {}; in
    if hasAttr property properties then getAttr property properties
    else fail name args "target \"${target}\" has no properties.${property}";

  checkDistribution = name: args: distribution:
    if isAttrs distribution then distribution
    else fail name args "distribution: expected a candidate distribution (an attribute set), got ${describe distribution}";

  # Keeps the candidates t of each service s for which keep (valueOf s) t holds, in their order.
  # A service whose candidates are every target (the cartesian product, as the first filter of a
  # policy usually gets) takes the list computed once for its value: services share few values
  # (types, zones), so the work is per distinct value, not per service and target.
  filterByValue = name: args: valueOf: keep:
    let
      everyTarget = attrNames args.infrastructure;
      cartesian = filter (service: args.distribution.${service} == everyTarget) (attrNames args.distribution);
      perValue = listToAttrs (map (service:
        let value = valueOf service; in
        { name = toJSON value; value = filter (keep value) everyTarget; }
      ) cartesian);
    in
    mapAttrs (service: candidates:
      if !(isList candidates) then
        fail name args "distribution.${service}: expected a list of targets, got ${describe candidates}"
      else
        let value = valueOf service; in
        if candidates == everyTarget then getAttr (toJSON value) perValue
        else filter (mapping: keep value (targetOf mapping)) candidates
    ) (checkDistribution name args args.distribution);

  # properties.<property> of every target, looked up once per target (lazily), whatever the
  # number of services.
  targetProperties = name: args: property:
    let values = mapAttrs (target: _: targetPropertyOf name args target property) args.infrastructure; in
    target: if hasAttr target values then getAttr target values else targetOfInfrastructure name args target;

  # The candidate after `previous` in `candidates`, wrapping around; the first one when `previous`
  # is not among them (dydisnix's findNextTarget).
  nextAfter = candidates: previous:
    let
      n = length candidates;
      index = foldl' (found: i: if found == null && targetOf (elemAt candidates i) == previous then i else found) null (genList (i: i) n);
    in
    if n == 1 || index == null then head candidates
    else elemAt candidates (if index + 1 == n then 0 else index + 1);

  derivationHelper = name: _:
    throw "filters.${name} builds a derivation in dydisnix; dyplan never builds anything: call the algorithm filters (divide, multiwaycut, minsetcover, graphcol) directly";
in
rec {
  # Services as dyplan reads them already have no pkg and name their dependencies.
  filterDerivations = services: mapAttrs (_: service: removeAttrs service [ "pkg" ]) services;

  createCartesianProduct = {services, infrastructure}:
    let targets = attrNames infrastructure; in mapAttrs (_: _: targets) services;

  # Keeps target t of service s when s.<serviceProperty> == t.properties.<targetProperty>.
  mapAttrOnAttr = {distribution, services, infrastructure, serviceProperty, targetProperty}@args:
    let valueOf = targetProperties "mapAttrOnAttr" args targetProperty; in
    filterByValue "mapAttrOnAttr" args
      (servicePropertyOf "mapAttrOnAttr" args serviceProperty)
      (value: target: value == valueOf target);

  # Keeps t when s.<serviceProperty> is an element of the list t.properties.<targetPropertyList>.
  mapAttrOnList = {distribution, services, infrastructure, serviceProperty, targetPropertyList}@args:
    let
      listOf = targetProperties "mapAttrOnList" args targetPropertyList;
      checkedList = target: let list = listOf target; in
        if isList list then list
        else fail "mapAttrOnList" args "targetPropertyList: properties.${targetPropertyList} of target \"${target}\" is ${describe list}, expected a list";
    in
    filterByValue "mapAttrOnList" args
      (servicePropertyOf "mapAttrOnList" args serviceProperty)
      (value: target: elem value (checkedList target));

  # Keeps t when t.properties.<targetProperty> is an element of the list s.<servicePropertyList>.
  mapListOnAttr = {distribution, services, infrastructure, servicePropertyList, targetProperty}@args:
    let
      valueOf = targetProperties "mapListOnAttr" args targetProperty;
      listOf = servicePropertyOf "mapListOnAttr" args servicePropertyList;
    in
    filterByValue "mapListOnAttr" args
      (service:
        let list = listOf service; in
        if isList list then list
        else fail "mapListOnAttr" args "servicePropertyList: ${servicePropertyList} of service \"${service}\" is ${describe list}, expected a list")
      (list: target: elem (valueOf target) list);

  # Stateful services (stateful = true) keep only the candidates they ran on before; services that
  # did not run before keep all their candidates.
  mapStatefulToPrevious = {services, distribution, previousDistribution}@args:
    if previousDistribution == null then distribution
    else mapAttrs (service: candidates:
      let
        s = serviceOf "mapStatefulToPrevious" args service;
        previousTargets = map targetOf (previousDistribution.${service} or candidates);
      in
      if s.stateful or false == true then filter (mapping: elem (targetOf mapping) previousTargets) candidates
      else candidates
    ) (checkDistribution "mapStatefulToPrevious" args distribution);

  # Services that ran before go back to the targets they ran on, as far as those are still
  # candidates (bug 29: dydisnix kept a machine that had gone); if none is, or the service is new,
  # it keeps its candidates.
  mapBoundServicesToPrevious = {services, distribution, previousDistribution}@args:
    if previousDistribution == null then distribution
    else mapAttrs (service: candidates:
      if hasAttr service previousDistribution then
        let
          current = map targetOf candidates;
          kept = filter (mapping: elem (targetOf mapping) current) (getAttr service previousDistribution);
        in
        if kept == [] then candidates else kept
      else candidates
    ) (checkDistribution "mapBoundServicesToPrevious" args distribution);

  # Services in name order, each on the candidate after the previous service's choice in its own
  # list (docs/compatibility.md §7.2).
  divideRoundRobin = {distribution}@args:
    let
      checked = checkDistribution "divideRoundRobin" args distribution;
      names = attrNames checked;
      candidatesOf = i:
        let service = elemAt names i; candidates = getAttr service checked; in
        if !(isList candidates) then fail "divideRoundRobin" args "distribution.${service}: expected a list of targets, got ${describe candidates}"
        else if candidates == [] then infeasible "divideRoundRobin" args "service \"${service}\" has no candidate target left"
        else candidates;
      # Each choice depends on the previous one; forcing them in order keeps the recursion flat.
      choices = genList (i:
        if i == 0 then head (candidatesOf 0)
        else nextAfter (candidatesOf i) (targetOf (elemAt choices (i - 1)))
      ) (length names);
      forced = foldl' (done: choice: seq choice done) true choices;
    in
    seq forced (listToAttrs (genList (i: { name = elemAt names i; value = [ (elemAt choices i) ]; }) (length names)));

  # Sorts each candidate list by properties.<targetProperty> of the targets, ascending (stable).
  order = {infrastructure, distribution, targetProperty}@args:
    let key = targetProperties "order" args targetProperty; in
    mapAttrs (service: candidates:
      sort (a: b: key (targetOf a) < key (targetOf b)) candidates
    ) (checkDistribution "order" args distribution);

  # The algorithm filters: dyplan's plans, run outside the evaluation and fed back.
  divide = {strategy, services, infrastructure, distribution, serviceProperty, targetProperty}@args:
    request "divide" args;
  multiwaycut = {services, distribution, infrastructure ? null, algorithm ? null, exact ? null, timeLimit ? null}@args:
    request "multiwaycut" args;
  minsetcover = {services, infrastructure, distribution, targetProperty, algorithm ? null, exact ? null, timeLimit ? null}@args:
    request "minsetcover" args;
  # The distribution is optional and keeps earlier filtering (bug 30).
  graphcol = {services, infrastructure, distribution ? null, exact ? null}@args:
    request "graphcol" args;

  # dydisnix's helpers that built XML files with derivations.
  nixExpressionToXML = derivationHelper "nixExpressionToXML";
  generateServicesXML = derivationHelper "generateServicesXML";
  generateInfrastructureXML = derivationHelper "generateInfrastructureXML";
  generateDistributionXML = derivationHelper "generateDistributionXML";
  generateDocsXML = derivationHelper "generateDocsXML";
  generateIdResourcesXML = derivationHelper "generateIdResourcesXML";
  generateIdsXML = derivationHelper "generateIdsXML";
  generatePreviousDistribution = derivationHelper "generatePreviousDistribution";
}
