/**
 * The `lib` stand-in (models/nix/lib.nix) that Nix models, QoS policies and augmentations get when
 * there is no nixpkgs: each function gives what nixpkgs' lib gives on the same arguments.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect } from 'vitest';
import { MODELS_NIX_DIR } from '../../models/nix-eval.js';
import { itNix } from '../helpers/cli.js';

/** Evaluates `expr` with `lib` bound to the stand-in (no nixpkgs on the search path). */
function withLib(expr: string): unknown {
  const run = spawnSync(
    'nix-instantiate',
    [
      '--eval',
      '--strict',
      '--json',
      '-I',
      'nixpkgs=/nonexistent',
      '-E',
      `let lib = import ${MODELS_NIX_DIR}/lib.nix; in ${expr}`,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe('the lib stand-in', () => {
  itNix("behaves as nixpkgs' lib on the functions policies use", () => {
    expect(
      withLib(`{
        count = lib.count (x: x > 1) [ 1 2 3 ];
        mapAttrsPrime = lib."mapAttrs'" (n: v: lib.nameValuePair "x-\${n}" (v + 1)) { a = 1; b = 2; };
        attrVals = lib.attrVals [ "b" "a" ] { a = 1; b = 2; };
        getAttrFromPath = lib.getAttrFromPath [ "a" "b" ] { a.b = 3; };
        setAttrByPath = lib.setAttrByPath [ "a" "b" ] 3;
        hasAttrByPath = [ (lib.hasAttrByPath [ "a" "b" ] { a.b = 3; }) (lib.hasAttrByPath [ "a" "c" ] { a.b = 3; }) ];
        mapAttrsRecursive = lib.mapAttrsRecursive (path: v: lib.concatStringsSep "." path) { a.b = 1; c = 2; };
        intersectLists = lib.intersectLists [ 1 3 ] [ 1 2 3 4 ];
        subtractLists = lib.subtractLists [ 1 3 ] [ 1 2 3 4 ];
        remove = lib.remove 2 [ 1 2 3 2 ];
        take = [ (lib.take 2 [ 1 2 3 ]) (lib.take 5 [ 1 2 ]) ];
        drop = [ (lib.drop 2 [ 1 2 3 ]) (lib.drop 5 [ 1 2 ]) ];
        init = lib.init [ 1 2 3 ];
        reverseList = lib.reverseList [ 1 2 3 ];
        imap = [ (lib.imap0 (i: x: i * x) [ 5 6 ]) (lib.imap1 (i: x: i * x) [ 5 6 ]) ];
        findFirst = [ (lib.findFirst (x: x > 1) null [ 1 2 3 ]) (lib.findFirst (x: x > 5) null [ 1 ]) ];
        affixes = [ (lib.hasPrefix "ab" "abc") (lib.hasPrefix "b" "abc") (lib.hasSuffix "bc" "abc") (lib.hasSuffix "abcd" "abc") ];
        minMax = [ (lib.max 1 2) (lib.min 1 2) ];
        subsets = [ (lib.lists.sort lib.lessThan [ 3 1 2 ]) (lib.attrsets.attrNames { b = 1; a = 2; }) ];
        filterAttrs = lib.filterAttrs (n: v: v > 1) { a = 1; b = 2; };
        mapAttrsToList = lib.mapAttrsToList (n: v: n + v) { a = "1"; b = "2"; };
        unique = lib.unique [ 3 1 3 2 1 ];
        recursiveUpdate = lib.recursiveUpdate { a = { b = 1; c = 2; }; } { a = { b = 3; }; d = 4; };
      }`),
    ).toEqual({
      count: 2,
      mapAttrsPrime: { 'x-a': 2, 'x-b': 3 },
      attrVals: [2, 1],
      getAttrFromPath: 3,
      setAttrByPath: { a: { b: 3 } },
      hasAttrByPath: [true, false],
      mapAttrsRecursive: { a: { b: 'a.b' }, c: 'c' },
      intersectLists: [1, 3],
      subtractLists: [2, 4],
      remove: [1, 3],
      take: [
        [1, 2],
        [1, 2],
      ],
      drop: [[3], []],
      init: [1, 2],
      reverseList: [3, 2, 1],
      imap: [
        [0, 6],
        [5, 12],
      ],
      findFirst: [2, null],
      affixes: [true, false, true, false],
      minMax: [2, 1],
      subsets: [
        [1, 2, 3],
        ['a', 'b'],
      ],
      filterAttrs: { b: 2 },
      mapAttrsToList: ['a1', 'b2'],
      unique: [3, 1, 2],
      recursiveUpdate: { a: { b: 3, c: 2 }, d: 4 },
    });
  });
});
