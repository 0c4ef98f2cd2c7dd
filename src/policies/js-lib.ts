/**
 * The `lib` a JavaScript policy gets: a few of nixpkgs' lib functions, with their argument order,
 * over plain objects and arrays (the Nix policies get nixpkgs' lib or dyplan's stand-in).
 */
type Attrs = Record<string, unknown>;

function record(): Attrs {
  return Object.create(null) as Attrs;
}

export const jsLib = {
  attrNames: (set: Attrs) => Object.keys(set).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  attrValues: (set: Attrs) => jsLib.attrNames(set).map((n) => set[n]),
  mapAttrs: (f: (name: string, value: unknown) => unknown, set: Attrs) => {
    const out = record();
    for (const name of jsLib.attrNames(set)) out[name] = f(name, set[name]);
    return out;
  },
  filterAttrs: (pred: (name: string, value: unknown) => boolean, set: Attrs) => {
    const out = record();
    for (const name of jsLib.attrNames(set)) if (pred(name, set[name])) out[name] = set[name];
    return out;
  },
  elem: (x: unknown, list: unknown[]) => list.includes(x),
  unique: <T>(list: T[]) => [...new Set(list)],
  intersectLists: <T>(a: T[], b: T[]) => b.filter((x) => a.includes(x)),
  subtractLists: <T>(a: T[], b: T[]) => b.filter((x) => !a.includes(x)),
};
