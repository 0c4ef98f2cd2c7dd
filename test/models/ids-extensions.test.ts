/** dyplan's additions to the ID resources and ids models (reserved, noReuse, idTargets, retired IDs) in every format. */
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../models/errors.js';
import { normalizeIdResources, normalizeIds } from '../../models/normalize.js';
import { idResourcesToValue, idsToValue } from '../../models/to-value.js';
import { toNix } from '../../models/write-nix.js';
import { idResourcesToXml, idsToXml } from '../../models/write-xml.js';
import { readIdResourcesXml, readIdsXml } from '../../models/xml-read.js';

const resources = {
  ports: { min: 3000, max: 4000, reserved: [{ min: 3010, max: 3020 }, 3005, 3006, { min: 3015, max: 3030 }] },
  uids: { min: 2000, max: 3000, noReuse: true },
  gids: { min: 2000, max: 3000 },
};
const ids = {
  ids: { ports: { web: 3000 }, uids: { web: 2001 } },
  lastAssignments: { ports: 3000, uids: 2001 },
  idTargets: { ports: { web: ['t2', 't1', 't1'] } },
  retiredIds: { uids: [2000, { min: 2002, max: 2004 }, 2005] },
  retiredIdsPerTarget: { t1: { ports: [3001] } },
};

describe('ID resources: reserved and noReuse', () => {
  it('merges reserved ranges and writes them back as IDs and ranges, only when used', () => {
    const model = normalizeIdResources(resources, 'r.json');
    expect(model.ports.reserved).toEqual([
      { min: 3005, max: 3006 },
      { min: 3010, max: 3030 },
    ]);
    expect(idResourcesToValue(model)).toEqual({
      gids: { max: 3000, min: 2000, scope: 'global', step: 1 },
      ports: {
        max: 4000,
        min: 3000,
        reserved: [
          { max: 3006, min: 3005 },
          { max: 3030, min: 3010 },
        ],
        scope: 'global',
        step: 1,
      },
      uids: { max: 3000, min: 2000, noReuse: true, scope: 'global', step: 1 },
    });
    expect(normalizeIdResources(readIdResourcesXml(idResourcesToXml(model), 'r.xml'), 'r.xml')).toEqual(
      model,
    );
    expect(idResourcesToXml(normalizeIdResources({ p: { min: 1, max: 2 } }, 'r.json'))).not.toMatch(
      /reserved|noReuse/,
    );
  });

  it('refuses a reversed range and a noReuse that is not a boolean', () => {
    expect(() => normalizeIdResources({ p: { max: 9, reserved: [{ min: 5, max: 4 }] } }, 'r.json')).toThrow(
      new ModelError('r.json', 'p.reserved[0].max', 'expected an integer >= min (5), got the integer 4'),
    );
    expect(() => normalizeIdResources({ p: { max: 9, noReuse: 'yes' } }, 'r.json')).toThrow(
      /p\.noReuse: expected a boolean/,
    );
  });
});

describe('ids model: idTargets, retiredIds, retiredIdsPerTarget', () => {
  it('reads, normalises and writes them after the original attributes; XML round-trips', () => {
    const model = normalizeIds(ids, 'ids.json');
    expect(model.idTargets).toEqual({ ports: { web: ['t1', 't2'] } });
    expect(model.retiredIds).toEqual({
      uids: [
        { min: 2000, max: 2000 },
        { min: 2002, max: 2005 },
      ],
    });
    const nix = toNix(idsToValue(model));
    expect(nix.indexOf('"lastAssignments"')).toBeLessThan(nix.indexOf('"idTargets"'));
    expect(nix).toContain(
      '"retiredIds" = {\n    "uids" = [\n      2000\n      {\n        "max" = 2005;\n        "min" = 2002;\n      }\n    ];\n  };',
    );
    expect(normalizeIds(readIdsXml(idsToXml(model), 'ids.xml'), 'ids.xml')).toEqual(model);
  });

  it('an ids model without them is written exactly as before', () => {
    const plain = normalizeIds({ ids: { ports: { a: 1 } }, lastAssignments: { ports: 1 } }, 'ids.json');
    expect(toNix(idsToValue(plain))).toBe(
      '{\n  "ids" = {\n    "ports" = {\n      "a" = 1;\n    };\n  };\n  "lastAssignments" = {\n    "ports" = 1;\n  };\n}',
    );
    expect(idsToXml(plain)).not.toMatch(/idTargets|retired/);
  });

  it('names built into JavaScript objects are plain names', () => {
    const model = normalizeIds(
      { ids: { toString: { constructor: 1, hasOwnProperty: 2 } }, lastAssignments: { toString: 2 } },
      'ids.json',
    );
    expect(JSON.parse(JSON.stringify(idsToValue(model)))).toEqual({
      ids: { toString: { constructor: 1, hasOwnProperty: 2 } },
      lastAssignments: { toString: 2 },
    });
  });
});
