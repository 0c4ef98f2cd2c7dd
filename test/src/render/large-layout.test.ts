import { fromDot } from 'ts-graphviz';
import { describe, expect, it } from 'vitest';
import { syntheticSystem } from '../../../bench/synthetic-system.js';
import { countNodes, printDot } from '../../../src/dot/print.js';
import { distributionGraph } from '../../../src/dot/distribution.js';
import { palette, pinnedGraph } from '../../../src/render/large-layout.js';
import { LARGE_DIAGRAM_THRESHOLD, renderGraph, usesPinnedLayout } from '../../../src/render/render-graph.js';
import { renderServicesDiagram } from '../../../src/catalogue/services-batch.js';
import { servicesGraph } from '../../../src/dot/services.js';
import { visualizeServices } from '../../helpers/visualize-models.js';

const system = syntheticSystem(300, 7);

function position(pos: unknown): [number, number] {
  const m = /^(-?[\d.]+),(-?[\d.]+)!$/.exec(String(pos));
  expect(m).not.toBeNull();
  return [Number((m as RegExpExecArray)[1]), Number((m as RegExpExecArray)[2])];
}

describe('pinned layout for large diagrams', () => {
  const graph = distributionGraph(system.services, system.infrastructure, system.distribution);
  const dot = printDot(pinnedGraph(graph));
  const parsed = fromDot(dot);

  it('is flat, pins every node and keeps every node and edge', () => {
    expect(parsed.subgraphs).toHaveLength(0);
    const legend = parsed.nodes.filter((n) => n.id.startsWith('legend '));
    expect(parsed.nodes.length - legend.length).toBe(countNodes(graph));
    for (const n of parsed.nodes) position(n.attributes.get('pos'));
    let edges = 0;
    const count = (g: typeof graph | (typeof graph.subgraphs)[number]): void => {
      edges += g.edges.length;
      g.subgraphs.forEach(count);
    };
    count(graph);
    expect(parsed.edges).toHaveLength(edges);
    expect(String(parsed.get('splines'))).toBe('false');
  });

  it('colours nodes by target, one legend entry per target', () => {
    const targets = Object.keys(system.infrastructure).sort();
    const colours = palette(targets.length);
    const legend = parsed.nodes.filter((n) => n.id.startsWith('legend '));
    expect(legend.map((n) => [n.attributes.get('label'), n.attributes.get('fillcolor')])).toEqual(
      targets.map((t, i) => [t, colours[i]]),
    );
    const placed = parsed.nodes.filter(
      (n) => !n.id.startsWith('legend ') && !String(n.attributes.get('label')).startsWith('(no '),
    );
    for (const n of placed) {
      const target = n.id.split(':')[0];
      expect(n.attributes.get('fillcolor')).toBe(colours[targets.indexOf(target)]);
      expect(String(n.attributes.get('tooltip')).startsWith(target)).toBe(true);
    }
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('spreads nodes out (no two nodes at the same position) and is deterministic', () => {
    const spots = new Set(parsed.nodes.map((n) => String(n.attributes.get('pos'))));
    expect(spots.size).toBe(parsed.nodes.length);
    expect(printDot(pinnedGraph(graph))).toBe(dot);
  });

  it('renders every node through the no-op layout', async () => {
    const svg = await renderGraph(graph, 'svg', { layout: 'pinned' });
    const titles = new Set(
      [...svg.matchAll(/<g id="node\d+" class="node">\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]),
    );
    expect(titles.size).toBe(parsed.nodes.length);
  });
});

describe('layout choice', () => {
  it('switches to the pinned layout above the measured threshold', () => {
    expect(usesPinnedLayout(LARGE_DIAGRAM_THRESHOLD)).toBe(false);
    expect(usesPinnedLayout(LARGE_DIAGRAM_THRESHOLD + 1)).toBe(true);
    expect(usesPinnedLayout(10, { layout: 'pinned' })).toBe(true);
    expect(usesPinnedLayout(10 ** 6, { layout: 'hierarchical' })).toBe(false);
    expect(usesPinnedLayout(50, { threshold: 10 })).toBe(true);
  });

  it('large services diagrams are coloured by feature group instead of clusters', async () => {
    const svg = await renderServicesDiagram(system.services, 'svg', { threshold: 100 });
    expect(svg).not.toContain('class="cluster"');
    // One legend entry per leaf group of the synthetic model (20 services per group).
    expect([...svg.matchAll(/<title>legend \d+<\/title>/g)]).toHaveLength(15);
    const small = await renderServicesDiagram(visualizeServices, 'svg', { clusters: true });
    expect(small).toContain('class="cluster"');
  });

  it('returns plain DOT for the dot format unless the pinned layout is forced', async () => {
    const graph = servicesGraph(visualizeServices);
    expect(await renderGraph(graph, 'dot')).toBe(printDot(graph));
    expect(await renderGraph(graph, 'dot', { layout: 'pinned' })).toMatch(/pos="-?[\d.]+,-?[\d.]+!"/);
  });
});
