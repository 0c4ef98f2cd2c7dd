/**
 * The HiGHS LP/MIP solver (WebAssembly build of the `highs` package), loaded once per process and
 * only when an exact mode or an LP bound needs it.
 */
import highsModule, { type Highs } from 'highs';

// `highs` is a CommonJS package whose typings declare an ESM default export: under NodeNext the
// default import is typed as the module object, but at run time it may be the loader function
// itself. Accept both shapes.
type Loader = typeof highsModule.default;
const highsLoader: Loader =
  typeof highsModule === 'function' ? (highsModule as unknown as Loader) : highsModule.default;

let highsPromise: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  if (highsPromise === undefined) highsPromise = highsLoader();
  return highsPromise;
}
