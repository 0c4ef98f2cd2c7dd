/**
 * The HiGHS LP/MIP solver (WebAssembly build of the `highs` package), loaded once per process and
 * only when an exact mode or an LP bound needs it: the package itself is imported on the first
 * call, so modules that only need another tool of support/ never load it.
 */
import type { Highs } from 'highs';

type Loader = (typeof import('highs'))['default'];

let highsPromise: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  if (highsPromise === undefined) {
    highsPromise = import('highs').then((ns) => {
      // `highs` is a CommonJS package: depending on the module interop in use, the default export
      // is the loader function itself or a module object holding it as `default`. Accept both.
      const exported: unknown = ns.default;
      const loader =
        typeof exported === 'function' ? (exported as Loader) : (exported as { default: Loader }).default;
      return loader();
    });
  }
  return highsPromise;
}
