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
    splitString = sep: s: filter isString (builtins.split (builtins.replaceStrings [ "\\" "." "*" "+" "?" "[" "]" "(" ")" "{" "}" "|" "^" "$" ] [ "\\\\" "\\." "\\*" "\\+" "\\?" "\\[" "\\]" "\\(" "\\)" "\\{" "\\}" "\\|" "\\^" "\\$" ] sep) s);
    zipAttrsWith = f: sets: listToAttrs (map (n: nameValuePair n (f n (concatMap (s: if s ? ${n} then [ s.${n} ] else []) sets))) (unique (concatMap attrNames sets)));
    # More of nixpkgs' lib that QoS policies and augmentations use, with its argument order.
    inherit (builtins) any all intersectAttrs removeAttrs catAttrs partition groupBy;
    count = pred: foldl' (c: x: if pred x then c + 1 else c) 0;
    "mapAttrs'" = f: set: listToAttrs (map (n: f n set.${n}) (attrNames set));
    attrVals = names: set: map (n: set.${n}) names;
    getAttrFromPath = path: set: foldl' (s: n: s.${n}) set path;
    setAttrByPath = path: value: if path == [] then value else { ${head path} = setAttrByPath (tail path) value; };
    hasAttrByPath = path: set: path == [] || (set ? ${head path} && hasAttrByPath (tail path) set.${head path});
    mapAttrsRecursive = f: set: let go = path: mapAttrs (n: v: if isAttrs v then go (path ++ [ n ]) v else f (path ++ [ n ]) v); in go [] set;
    intersectLists = e: filter (x: elem x e);
    subtractLists = e: filter (x: !(elem x e));
    remove = e: filter (x: x != e);
    take = n: list: genList (elemAt list) (if n < length list then n else length list);
    drop = n: list: let len = length list; in if n >= len then [] else genList (i: elemAt list (i + n)) (len - n);
    init = list: take (length list - 1) list;
    reverseList = list: let len = length list; in genList (i: elemAt list (len - i - 1)) len;
    imap0 = f: list: genList (i: f i (elemAt list i)) (length list);
    imap1 = f: list: genList (i: f (i + 1) (elemAt list i)) (length list);
    findFirst = pred: default: list: let found = filter pred list; in if found == [] then default else head found;
    hasPrefix = prefix: s: substring 0 (stringLength prefix) s == prefix;
    hasSuffix = suffix: s: let ls = stringLength s; lx = stringLength suffix; in ls >= lx && substring (ls - lx) lx s == suffix;
    max = a: b: if a > b then a else b;
    min = a: b: if a < b then a else b;
    # nixpkgs' sub-sets, so that lib.lists.sort, lib.attrsets.mapAttrs & co. resolve too.
    lists = libStandIn;
    attrsets = libStandIn;
    strings = libStandIn;
    trivial = libStandIn;
  };
  nixpkgsLib = tryEval (import <nixpkgs/lib>);
in
if nixpkgsLib.success then nixpkgsLib.value else libStandIn
