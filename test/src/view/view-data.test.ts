/**
 * The data of the `dyplan view` page (src/view/data.ts) and the page around it (page.ts): links
 * and crossing links are visualize-distribution's, moves against --compare are counted per
 * service, IDs and loads land on the right service and target, positions are deterministic, and
 * no name can leave the page's JSON block.
 */
import { describe, expect, it } from 'vitest';
import type { DistributionModel } from '../../../models/types.js';
import { crossingSummary, distributionLayout } from '../../../src/dot/index.js';
import { resourceLoads, scriptJson, viewData, viewPage } from '../../../src/view/index.js';
import {
  normalizeDistribution,
  normalizeInfrastructure,
  normalizeServices,
} from '../../../models/normalize.js';
import { syntheticSystem } from '../../../bench/synthetic-system.js';
import {
  model,
  service,
  visualizeDistribution,
  visualizeInfrastructure,
  visualizeServices,
} from '../../helpers/visualize-models.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('view data of the example deployment', () => {
  const data = viewData({
    services: visualizeServices,
    infrastructure: visualizeInfrastructure,
    distribution: visualizeDistribution,
  });
  const layout = distributionLayout(visualizeServices, visualizeDistribution);

  it('has every service, sorted, with its links by index', () => {
    expect(data.services.map((s) => s.name)).toEqual(Object.keys(visualizeServices).sort());
    for (const s of data.services) {
      expect(s.dependsOn.map((i) => data.services[i].name)).toEqual(visualizeServices[s.name].dependsOn);
      expect(data.groups[s.group]).toBe(visualizeServices[s.name].group);
      expect(s.properties).not.toHaveProperty('name');
    }
  });

  it('counts crossing links exactly as visualize-distribution does', () => {
    const view = data.distributionView!;
    expect(view.crossing).toBe(layout.crossing);
    expect(view.linkCount).toBe(layout.links.length);
    expect(view.summary).toBe(crossingSummary(layout));
    expect(view.summary).toBe('5 of 10 links cross targets');
    // One quadruple per link; its crossing flag agrees with the targets of its two placements.
    expect(view.links.length).toBe(4 * layout.links.length);
    for (let i = 0; i < view.links.length; i += 4) {
      const [a, b, , crosses] = view.links.slice(i, i + 4);
      expect(crosses).toBe(view.target[a] === view.target[b] ? 0 : 1);
    }
  });

  it('places a service mapped to two targets on both, each in its region', () => {
    const view = data.distributionView!;
    const portal = data.services.findIndex((s) => s.name === 'portal');
    const targets = view.service.flatMap((s, p) => (s === portal ? [data.targets[view.target[p]].name] : []));
    expect(targets).toEqual(['test1', 'test2']);
    view.service.forEach((_, p) => {
      const r = view.regions[view.target[p]]!;
      expect(r).not.toBeNull();
    });
    expect(data.infrastructureView!.placed).toEqual([2, 6]);
    expect(data.infrastructureView!.links).toEqual([0, 1, 5]);
  });

  it('is deterministic (positions included)', () => {
    const again = viewData({
      services: visualizeServices,
      infrastructure: visualizeInfrastructure,
      distribution: visualizeDistribution,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });
});

describe('--compare', () => {
  it('counts the services whose targets differ, and the cut of each distribution', () => {
    const other: DistributionModel = {
      ...visualizeDistribution,
      errordb: [{ target: 'test1' }], // moved
      portal: [{ target: 'test2' }, { target: 'test1' }], // same set, other order: not moved
      loggingapi: [{ target: 'test1' }, { target: 'test2' }], // gained a target: moved
      gone: [{ target: 'test1' }], // no longer a service
    };
    delete (other as Record<string, unknown>).reportingdb; // only in this distribution
    const data = viewData({
      services: visualizeServices,
      infrastructure: visualizeInfrastructure,
      distribution: visualizeDistribution,
      other,
      otherFile: 'other.json',
    });
    const moved = data.services.filter((s) => s.was !== undefined).map((s) => [s.name, s.was]);
    expect(moved).toEqual([
      ['errordb', ['test1']],
      ['loggingapi', ['test1', 'test2']],
    ]);
    expect(data.compare).toMatchObject({ file: 'other.json', moved: 2, added: 1, removed: 1, crossing: 5 });
    expect(data.compare!.otherCrossing).toBe(distributionLayout(visualizeServices, other).crossing);
  });
});

describe('IDs and loads', () => {
  it('shows each service its own IDs and each target its loads', () => {
    const data = viewData({
      services: visualizeServices,
      infrastructure: visualizeInfrastructure,
      distribution: visualizeDistribution,
      ids: {
        ids: { ports: { portal: 3000, errordb: 3001 }, uids: { portal: 2000 } },
        lastAssignments: {},
        lastAssignmentsPerTarget: {},
      },
      loads: {
        resources: [{ service: 'mem', target: 'memory' }],
        perTarget: new Map([['test2', [{ demand: 3, capacity: 4 }]]]),
      },
    });
    const byName = new Map(data.services.map((s) => [s.name, s]));
    expect(byName.get('portal')!.ids).toEqual({ ports: 3000, uids: 2000 });
    expect(byName.get('errordb')!.ids).toEqual({ ports: 3001 });
    expect(byName.get('loggingdb')!.ids).toBeUndefined();
    expect(data.idResources).toEqual(['ports', 'uids']);
    expect(data.targets.map((t) => t.loads)).toEqual([
      [{ demand: 0, capacity: null }],
      [{ demand: 3, capacity: 4 }],
    ]);
  });
});

describe('the page', () => {
  const hostile = model([
    service(HOSTILE, {
      type: '</script><script>alert(2)</script>',
      properties: { note: '<!-- x -->\u2028' },
    }),
    service('b', { dependsOn: [HOSTILE] }),
  ]);
  const data = viewData(
    { services: hostile, distribution: { [HOSTILE]: [{ target: '<b>t</b>' }], b: [{ target: 'u' }] } },
    { title: '<i>plan</i>' },
  );
  const page = viewPage(data, 'console.log(1)');

  it('keeps every name inside the JSON block, with no "<" in it', () => {
    const block = page.slice(page.indexOf('id="dyplan-data">') + 17, page.indexOf('</script>'));
    expect(block).not.toContain('<');
    expect(JSON.parse(block)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<b>t</b>');
    expect(page).toContain('<title>&lt;i&gt;plan&lt;/i&gt;</title>');
    expect(scriptJson('\u2028<')).toBe('"\\u2028\\u003c"');
  });

  it('allows no network request and only its own script and style', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe');
  });

  it('refuses a client bundle that would end its script element', () => {
    expect(() => viewPage(data, 'x = "</script>"')).toThrow(/cannot be inlined/);
  });
});

describe('a 600-service plan', () => {
  it('stays compact: about 200 bytes per service', () => {
    const s = syntheticSystem(600);
    const data = viewData(s);
    const size = scriptJson(data).length;
    expect(data.distributionView!.crossing).toBe(distributionLayout(s.services, s.distribution).crossing);
    expect(size / 600).toBeLessThan(300);
  });
});

describe('resourceLoads', () => {
  const services = normalizeServices(
    {
      web: { name: 'web', requireMem: 2 },
      db: { name: 'db', requireMem: 3.5 },
      toString: { name: 'toString' },
    },
    'services.json',
  );
  const infrastructure = normalizeInfrastructure(
    { big: { properties: { mem: 8 } }, bare: { properties: {} } },
    'infrastructure.json',
  );
  const distribution = normalizeDistribution(
    { web: ['big', 'bare'], db: ['big'], toString: ['bare'] },
    'distribution.json',
  );

  it('sums the demands placed on each target (a service on two counts on both), a missing demand as 0', () => {
    const loads = resourceLoads(services, infrastructure, distribution, [
      { demandProperty: 'requireMem', capacityProperty: 'mem' },
    ]);
    expect(loads.resources).toEqual([{ service: 'requireMem', target: 'mem' }]);
    expect([...loads.perTarget]).toEqual([
      ['bare', [{ demand: 2, capacity: null }]],
      ['big', [{ demand: 5.5, capacity: 8 }]],
    ]);
    const data = viewData({ services, infrastructure, distribution, loads });
    expect(data.targets.map((t) => [t.name, t.loads])).toEqual([
      ['bare', [{ demand: 2, capacity: null }]],
      ['big', [{ demand: 5.5, capacity: 8 }]],
    ]);
  });

  it('rejects a demand that is not a number, naming the file and the field', () => {
    const bad = normalizeServices({ web: { name: 'web', requireMem: 'lots' } }, 'services.json');
    expect(() =>
      resourceLoads(
        bad,
        infrastructure,
        { web: [{ target: 'big' }] },
        [{ demandProperty: 'requireMem', capacityProperty: 'mem' }],
        { services: 'services.json' },
      ),
    ).toThrow(/services\.json.*web.*requireMem/);
  });
});
