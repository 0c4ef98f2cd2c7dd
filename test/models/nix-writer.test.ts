/** The Nix printer on values whose Nix spelling differs from JavaScript's. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModels } from '../../models/load.js';
import { normalizeServices } from '../../models/normalize.js';
import { servicesToValue } from '../../models/to-value.js';
import { toNix } from '../../models/write-nix.js';
import { itNix } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dyplan-nix-writer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('negative numbers', () => {
  it('are parenthesised in a list, where a unary minus cannot start an element', () => {
    expect(toNix({ a: -1, b: [-1, 2, -2.5, [-3]] })).toBe(
      [
        '{',
        '  "a" = -1;',
        '  "b" = [',
        '    (-1)',
        '    2',
        '    (-2.5)',
        '    [',
        '      (-3)',
        '    ]',
        '  ];',
        '}',
      ].join('\n'),
    );
  });

  itNix('in a list read back through nix-instantiate', async () => {
    const services = normalizeServices(
      { a: { offsets: [-1, 0, -2.5], nested: { deep: [[-7]] } } },
      'services',
    );
    const file = join(tmp, 'services.nix');
    writeFileSync(file, toNix(servicesToValue(services)));
    expect((await loadModels({ services: file })).services).toEqual(services);
  });
});
