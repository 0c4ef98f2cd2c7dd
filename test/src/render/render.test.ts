/**
 * Rendering needs no Graphviz on the machine (WebAssembly + resvg); the system `dot` is used only
 * when asked for. The "no dot on PATH" cases point PATH at an empty directory for the duration
 * of the test (vitest runs each file in its own process), so any attempt to spawn `dot` fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infrastructureGraph } from '../../../src/dot/infrastructure.js';
import { renderGraph } from '../../../src/render/render-graph.js';
import { renderDot, RenderError } from '../../../src/render/render-dot.js';
import { servicesDot } from '../../../src/dot/services.js';
import { visualizeInfrastructure, visualizeServices } from '../../helpers/visualize-models.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

function titles(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
}

describe('rendering without Graphviz on PATH', () => {
  let emptyDir: string;
  let savedPath: string | undefined;
  beforeAll(() => {
    emptyDir = mkdtempSync(join(tmpdir(), 'dyplan-no-dot-'));
    savedPath = process.env.PATH;
    process.env.PATH = emptyDir;
  });
  afterAll(() => {
    process.env.PATH = savedPath;
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('the system dot is really unreachable (renderer "dot" fails cleanly)', async () => {
    await expect(renderDot('digraph { a }', 'svg', 'dot')).rejects.toThrow(RenderError);
    await expect(renderDot('digraph { a }', 'svg', 'dot')).rejects.toThrow(/not installed or not on PATH/);
  });

  it('renders SVG with WebAssembly Graphviz', async () => {
    const svg = await renderDot(servicesDot(visualizeServices), 'svg');
    expect(svg).toMatch(/^<\?xml/);
    expect(titles(svg)).toEqual(expect.arrayContaining(['errordb', 'portal', 'portal&#45;&gt;loggingapi']));
  });

  it('renders PNG from that SVG with resvg', async () => {
    const png = await renderDot(servicesDot(visualizeServices), 'png');
    expect([...png.slice(0, 8)]).toEqual(PNG_MAGIC);
    const [w, h] = pngSize(png);
    expect(w).toBeGreaterThan(100);
    expect(h).toBeGreaterThan(100);
  });

  it('the viz-js build renders the same diagram', async () => {
    const dot = servicesDot(visualizeServices);
    const [a, b] = [
      await renderDot(dot, 'svg', 'wasm', { wasm: 'hpcc' }),
      await renderDot(dot, 'svg', 'wasm', { wasm: 'viz' }),
    ];
    expect(titles(b)).toEqual(titles(a));
  });

  it('renders a clustered diagram model (infrastructure) and a pinned layout', async () => {
    const svg = await renderGraph(infrastructureGraph(visualizeInfrastructure), 'svg');
    expect(titles(svg)).toEqual(expect.arrayContaining(['cluster_target_test1', 'test2:mysql&#45;database']));
    const pinned = await renderGraph(infrastructureGraph(visualizeInfrastructure), 'svg', {
      layout: 'pinned',
    });
    expect(titles(pinned)).not.toContain('cluster_target_test1');
    expect(titles(pinned)).toContain('test2:mysql&#45;database');
  });

  it('"dot" format returns the DOT text untouched', async () => {
    expect(await renderDot('digraph { a }', 'dot')).toBe('digraph { a }');
  });

  it("invalid DOT is a RenderError with Graphviz's message", async () => {
    await expect(renderDot('digraph { a -> }', 'svg')).rejects.toThrow(/syntax error/);
    await expect(renderDot('digraph { a -> }', 'svg', 'wasm', { wasm: 'viz' })).rejects.toThrow(RenderError);
  });
});

describe('rendering with the system dot (renderer "dot")', () => {
  it('produces SVG and PNG through the spawned binary', async () => {
    const dot = servicesDot(visualizeServices);
    const svg = await renderDot(dot, 'svg', 'dot');
    expect(titles(svg)).toEqual(expect.arrayContaining(['errordb', 'portal']));
    const png = await renderDot(dot, 'png', 'dot');
    expect([...png.slice(0, 8)]).toEqual(PNG_MAGIC);
  });

  it('reports Graphviz errors', async () => {
    await expect(renderDot('digraph { a -> }', 'svg', 'dot')).rejects.toThrow(
      /dot failed \(exit 1\): .*syntax error/s,
    );
  });

  it('draws a pinned layout with neato -n at the given positions', async () => {
    const svg = await renderDot('digraph { a [pos="0,0!"]; b [pos="300,0!"]; a -> b }', 'svg', 'dot', {
      engine: 'nop',
    });
    const xs = [...svg.matchAll(/<ellipse[^>]*cx="([-\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(2);
    expect(Math.abs(xs[1] - xs[0])).toBeCloseTo(300, 0);
  });
});
