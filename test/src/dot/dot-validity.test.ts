/**
 * Every diagram must be valid DOT whatever the names are (docs/compatibility.md bug 18): the system `dot`
 * renders them, and the names come out of Graphviz unchanged.
 */
import { spawnSync } from 'node:child_process';
import { Digraph, fromDot } from 'ts-graphviz';
import { describe, expect, it } from 'vitest';
import type { InfrastructureModel } from '../../../models/types.js';
import { distributionDot } from '../../../src/dot/distribution.js';
import { compareNames } from '../../../models/compare.js';
import { compositeId, graphId, labelText, quoteId } from '../../../src/dot/text.js';
import { infrastructureDot } from '../../../src/dot/infrastructure.js';
import { servicesDot, servicesGraph } from '../../../src/dot/services.js';
import { printDot } from '../../../src/dot/print.js';
import { pinnedGraph } from '../../../src/render/large-layout.js';
import { awkwardServices } from '../../helpers/visualize-models.js';

const awkwardInfrastructure: InfrastructureModel = {
  'host-1.example.org': {
    name: 'host-1.example.org',
    properties: {},
    containers: { 'mysql-database': {}, 'odd {record|name} <x>': {} },
  },
  'rack "7" \\ node': { name: 'rack "7" \\ node', properties: {}, containers: {} },
  'a:b': { name: 'a:b', properties: {}, containers: { c: {} } },
  a: { name: 'a', properties: {}, containers: { 'b:c': {} } },
};

/** Runs the system Graphviz; returns the SVG (fails the test on a Graphviz error). */
function systemDot(dot: string): string {
  const r = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The texts Graphviz drew, XML entities decoded. */
function svgTexts(svg: string): string[] {
  const decode = (s: string): string =>
    s
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]));
}

describe('DOT text helpers', () => {
  it('quotes IDs so that the lexer always finds the closing quote', () => {
    expect(quoteId('plain')).toBe('"plain"');
    expect(quoteId('a "b"')).toBe('"a \\"b\\""');
    expect(quoteId('ends\\')).toBe('"ends\\\\"');
  });

  it('graph IDs stay bare only when they are plain identifiers', () => {
    expect(graphId('G')).toBe('G');
    expect(graphId('_g2')).toBe('_g2');
    expect(graphId('2g')).toBe('"2g"');
    expect(graphId('my "graph"')).toBe('"my \\"graph\\""');
    expect(printDot(new Digraph('a-b'))).toBe('digraph "a-b" {\n}\n');
  });

  it('label text shows backslashes, quotes, entities and line breaks literally', () => {
    expect(labelText('a\\nb "c" & d\ne')).toBe('a\\\\nb \\"c\\" &amp; d\\ne');
  });

  it('composite IDs keep the original a:b form and cannot collide', () => {
    expect(compositeId('test2', 'mysql-database')).toBe('test2:mysql-database');
    expect(compositeId('a:b', 'c')).not.toBe(compositeId('a', 'b:c'));
  });

  it('compares by code unit, not by locale', () => {
    expect(['b', 'B', 'a', 'é', 'Z'].sort(compareNames)).toEqual(['B', 'Z', 'a', 'b', 'é']);
  });
});

describe('system dot accepts diagrams with awkward names', () => {
  const variants = [
    {},
    { groupSubservices: true },
    { group: 'web', groupSubservices: true },
    { group: 'data base', clusters: true },
    { clusters: true },
  ];
  for (const options of variants) {
    it(`services diagram ${JSON.stringify(options)}`, () => {
      const svg = systemDot(servicesDot(awkwardServices, options));
      expect(svg).toContain('<svg');
    });
  }

  it('labels come out exactly as the names', () => {
    const texts = svgTexts(systemDot(servicesDot(awkwardServices)));
    for (const name of [
      'my-service.v2',
      'db "main"',
      'back\\slash\\',
      'überdienst ✓',
      '(a\\nb)',
      ' → { apache "webapps"',
    ]) {
      expect(texts).toContain(name);
    }
    // A real line break in a type becomes a DOT line break.
    expect(texts).toContain('(line');
  });

  it('node IDs survive a parse round trip and stay distinct', () => {
    const parsed = fromDot(servicesDot(awkwardServices));
    const ids = parsed.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(Object.keys(awkwardServices).length);
    expect(ids).toContain('db "main"');
  });

  it('infrastructure diagram (the original left cluster IDs unquoted)', () => {
    const dot = infrastructureDot(awkwardInfrastructure);
    const texts = svgTexts(systemDot(dot));
    expect(texts).toEqual(
      expect.arrayContaining(['host-1.example.org', 'rack "7" \\ node', 'odd {record|name} <x>', 'b:c', 'c']),
    );
    // `a:b` + `c` and `a` + `b:c` are two different container nodes.
    const parsed = fromDot(dot);
    const nodeIds: string[] = [];
    const walk = (g: typeof parsed | (typeof parsed.subgraphs)[number]): void => {
      nodeIds.push(...g.nodes.map((n) => n.id));
      g.subgraphs.forEach(walk);
    };
    walk(parsed);
    expect(new Set(nodeIds).size).toBe(nodeIds.length);
    expect(nodeIds).toHaveLength(5);
  });

  it('distribution diagram', () => {
    const distribution = {
      'my-service.v2': [{ target: 'host-1.example.org' }, { target: 'rack "7" \\ node' }],
      'db "main"': [{ target: 'host-1.example.org', container: 'mysql-database' }],
      'back\\slash\\': [{ target: 'a:b', container: 'c' }],
      'überdienst ✓': [{ target: 'a', container: 'b:c' }],
    };
    const texts = svgTexts(systemDot(distributionDot(awkwardServices, awkwardInfrastructure, distribution)));
    expect(texts).toEqual(
      expect.arrayContaining(['db "main"', 'back\\slash\\', 'überdienst ✓', 'rack "7" \\ node']),
    );
    expect(texts.filter((t) => t === 'my-service.v2')).toHaveLength(2);
  });
});

describe('pinned (large-diagram) output with awkward names', () => {
  it('is accepted by neato -n and keeps tooltips and legend texts literal', () => {
    const dot = printDot(
      pinnedGraph(servicesGraph(awkwardServices, { clusters: true }), { colourBy: 'innermost' }),
    );
    const r = spawnSync('dot', ['-Kneato', '-n', '-Tsvg'], { input: dot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(svgTexts(r.stdout)).toEqual(
      expect.arrayContaining(['db "main"', 'back\\slash\\', 'data base / .. / x', 'web / front-end']),
    );
    const tooltips = [...r.stdout.matchAll(/xlink:title="([^"]*)"/g)].map((m) =>
      m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    );
    expect(tooltips).toEqual(expect.arrayContaining(['data base / .. / x', 'web / front&#45;end']));
  });
});
