# The `lib` that Nix models, QoS policies and augmentation functions get: nixpkgs' lib when
# <nixpkgs/lib> can be found, else this stand-in with the functions they typically use.
let
  inherit (builtins) tryEval;
  libStandIn = rec {
    inherit (builtins) attrNames attrValues elem filter foldl' head tail length listToAttrs
      mapAttrs concatMap concatLists genList hasAttr getAttr isList isAttrs isString isInt isBool
      isFunction toString replaceStrings substring stringLength elemAt sort;
    id = x: x;
    const = x: _: x;
    optional = cond: x: if cond then [ x ] else [];
    optionals = cond: xs: if cond then xs else [];
    optionalAttrs = cond: as: if cond then as else {};
    optionalString = cond: s: if cond then s else "";
    nameValuePair = name: value: { inherit name value; };
    genAttrs = names: f: listToAttrs (map (n: nameValuePair n (f n)) names);
    filterAttrs = pred: set: listToAttrs (concatMap (n: let v = set.${n}; in if pred n v then [ (nameValuePair n v) ] else []) (attrNames set));
    mapAttrsToList = f: set: map (n: f n set.${n}) (attrNames set);
    attrByPath = path: default: set: if path == [] then set else
      let h = head path; in if set ? ${h} then attrByPath (tail path) default set.${h} else default;
    recursiveUpdate = lhs: rhs: lhs // mapAttrs (n: v: if isAttrs v && lhs ? ${n} && isAttrs lhs.${n} then recursiveUpdate lhs.${n} v else v) rhs;
    range = first: last: if first > last then [] else genList (n: first + n) (last - first + 1);
    concatStringsSep = builtins.concatStringsSep;
    concatMapStrings = f: list: builtins.concatStringsSep "" (map f list);
    unique = foldl' (acc: e: if elem e acc then acc else acc ++ [ e ]) [];
    flatten = x: if isList x then concatMap flatten x else [ x ];
    last = list: elemAt list (length list - 1);
    fold = foldr;
    foldr = op: nul: list: let len = length list; go = n: if n == len then nul else op (elemAt list n) (go (n + 1)); in go 0;
    lessThan = a: b: a < b;
    zipAttrsWith = f: sets: listToAttrs (map (n: nameValuePair n (f n (concatMap (s: if s ? ${n} then [ s.${n} ] else []) sets))) (unique (concatMap attrNames sets)));
  };
  nixpkgsLib = tryEval (import <nixpkgs/lib>);
in
if nixpkgsLib.success then nixpkgsLib.value else libStandIn
