/**
 * The layer boundaries of eslint.config.js, checked through ESLint's Node API on deliberate
 * violations and on the allowed forms: (a) algorithms/ imports nothing from models/ or src/;
 * (b) outside a family folder only algorithms/<family>/index.js is imported; (c) models/
 * imports nothing from src/. Static imports, re-exports and dynamic `import()` are all checked.
 * (d) outside tests, no array is spread into a call (it overflows the stack on large diagrams).
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

/** Boundary messages ESLint reports for `code` placed at `filePath` (relative to the repository). */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => m.message);
}

const RULE_A = 'algorithms/ imports nothing from models/ or src/';
const RULE_B = 'through its index.js only';
const RULE_C = 'models/ imports nothing from src/';

describe('lint: layer boundaries', () => {
  it('(a) algorithms/ imports nothing from models/ or src/', async () => {
    const file = 'algorithms/colouring/violation.ts';
    for (const code of [
      "import { ModelError } from '../../models/errors.js';\nexport const e = ModelError;\n",
      "import type { Models } from '../../models/load.js';\nexport type M = Models;\n",
      "export { CommandError } from '../../src/errors.js';\n",
      "export const load = () => import('../../src/output.js');\n",
    ]) {
      const errors = await boundaryErrors(file, code);
      expect(errors, code).toHaveLength(1);
      expect(errors[0]).toContain(RULE_A);
    }
    expect(
      await boundaryErrors(
        file,
        "import { mulberry32 } from '../support/index.js';\nimport { buildAdjacency } from './graph.js';\nexport const f = [mulberry32, buildAdjacency];\n",
      ),
    ).toEqual([]);
  });

  it('(b) outside a family folder only the family index is imported', async () => {
    const violations: [string, string][] = [
      [
        'src/commands/violation.ts',
        "import { buildAdjacency } from '../../algorithms/colouring/graph.js';\n",
      ],
      [
        'src/commands/violation.ts',
        "export const load = () => import('../../algorithms/set-cover/exact.js');\n",
      ],
      ['bench/violation.ts', "import { FlowNetwork } from '../algorithms/flow/max-flow.js';\n"],
      ['models/violation.ts', "import { allocateId } from '../algorithms/ids/pool.js';\n"],
      ['test/e2e/violation.test.ts', "import { isInPool } from '../../algorithms/ids/pool.js';\n"],
      ['algorithms/set-cover/violation.ts', "import { IndexedHeap } from '../support/indexed-heap.js';\n"],
      [
        'test/algorithms/colouring/violation.test.ts',
        "import { mulberry32 } from '../../../algorithms/support/random.js';\n",
      ],
    ];
    for (const [file, code] of violations) {
      const errors = await boundaryErrors(file, code + 'export {};\n');
      expect(errors, `${file}: ${code}`).toHaveLength(1);
      expect(errors[0]).toContain(RULE_B);
    }
    const allowed: [string, string][] = [
      ['src/commands/allowed.ts', "import { colourGraph } from '../../algorithms/colouring/index.js';\n"],
      [
        'src/commands/allowed.ts',
        "export const load = () => import('../../algorithms/set-cover/index.js');\n",
      ],
      ['bench/allowed.ts', "import { FlowNetwork } from '../algorithms/flow/index.js';\n"],
      ['algorithms/set-cover/allowed.ts', "import { IndexedHeap } from '../support/index.js';\n"],
      [
        'test/algorithms/colouring/allowed.test.ts',
        "import { buildAdjacency } from '../../../algorithms/colouring/graph.js';\n",
      ],
      [
        'test/algorithms/colouring/allowed.test.ts',
        "import { mulberry32 } from '../../../algorithms/support/index.js';\n",
      ],
    ];
    for (const [file, code] of allowed)
      expect(await boundaryErrors(file, code + 'export {};\n'), `${file}: ${code}`).toEqual([]);
  });

  it('(c) models/ imports nothing from src/', async () => {
    for (const [file, code] of [
      ['models/violation.ts', "import { CommandError } from '../src/errors.js';\n"],
      ['models/nix/violation.ts', "export { OutputError } from '../../src/output.js';\n"],
      ['models/violation.ts', "export const load = () => import('../src/output.js');\n"],
    ]) {
      const errors = await boundaryErrors(file, code + 'export {};\n');
      expect(errors, `${file}: ${code}`).toHaveLength(1);
      expect(errors[0]).toContain(RULE_C);
    }
    expect(
      await boundaryErrors('models/allowed.ts', "import { compareNames } from './compare.js';\nexport {};\n"),
    ).toEqual([]);
  });

  it('(d) no spread arguments outside tests, while the import rules still hold there', async () => {
    const spread = 'No spread arguments';
    for (const file of [
      'src/render/violation.ts',
      'algorithms/flow/violation.ts',
      'models/violation.ts',
      'bench/violation.ts',
    ])
      for (const code of [
        'export function f(a: number[], b: number[]) { a.push(...b); }\n',
        'export const m = (xs: number[]) => Math.max(...xs);\n',
        'export const s = (xs: string[][]) => new Map(...xs.map((x) => [x]));\n',
      ]) {
        const errors = await boundaryErrors(file, code);
        expect(errors, `${file}: ${code}`).toHaveLength(1);
        expect(errors[0]).toContain(spread);
      }
    // Array and object spreads copy without the stack; tests are exempt.
    expect(
      await boundaryErrors(
        'src/violation.ts',
        'export const f = (a: number[], o: object) => [...a, { ...o }];\n',
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'test/src/allowed.test.ts',
        'export const m = (xs: number[]) => Math.max(...xs);\n',
      ),
    ).toEqual([]);
    // The models/ rule still holds where the spread rule is added.
    const errors = await boundaryErrors(
      'models/violation.ts',
      "export const load = () => import('../src/output.js');\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(RULE_C);
  });
});
