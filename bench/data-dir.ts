/**
 * Where the benchmark inputs are: `bench/data` in the repository (copied from the shared
 * bench-data set, with its READMEs and proven optima), or `$DYPLAN_BENCH_DATA`. Works from the
 * sources and from dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const BENCH_DATA = process.env.DYPLAN_BENCH_DATA ?? resolve(projectRoot(), 'bench/data');

export function benchData(...parts: string[]): string {
  return join(BENCH_DATA, parts.join('/'));
}
