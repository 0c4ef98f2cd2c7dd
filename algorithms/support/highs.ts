/**
 * The HiGHS LP/MIP solver (WebAssembly build of the `highs` package), loaded once per process and
 * only when an exact mode or an LP bound needs it: the package itself is imported on the first
 * call, so modules that only need another tool of support/ never load it.
 *
 * The module is compiled by V8's baseline compiler (Liftoff) only. By default V8 recompiles the hot
 * functions of this 2 MB module with TurboFan in the background, and Node waits for those jobs
 * whenever its event loop runs dry: `dyplan place` on 1,000 services spent 0.5-0.8 s of its 1.7-2.8
 * s waiting so, and 2.3-2.5 s of CPU against 1.2-1.4 s without the recompilation; the LP bound of a
 * 10,000-service multiway cut took 2.8-3.4 s against 1.9-2.6 s, and a 13 s set-cover MIP the same
 * either way. The flag is set for this one compilation and put back, so WebAssembly modules compiled
 * later (Graphviz) are not affected. Only on x64 and arm64, where Liftoff compiles every function
 * of a module without SIMD (elsewhere it may need TurboFan, which --liftoff-only forbids).
 */
import { setFlagsFromString } from 'node:v8';
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
      const baselineOnly = process.arch === 'x64' || process.arch === 'arm64';
      if (baselineOnly) setFlagsFromString('--liftoff-only');
      const loading = loader();
      const restore = () => {
        if (baselineOnly) setFlagsFromString('--no-liftoff-only');
      };
      loading.then(restore, restore);
      return loading;
    });
  }
  return highsPromise;
}
