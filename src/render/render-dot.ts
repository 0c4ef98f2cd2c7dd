/**
 * Turns DOT text into the image formats of `--format`: SVG from a WebAssembly build of Graphviz
 * (no system `dot` needed), PNG by rasterising that SVG with resvg. The system `dot` binary is
 * used only when asked for (`renderer: 'dot'`), spawned directly without a shell.
 *
 * Which WebAssembly build: both `@hpcc-js/wasm-graphviz` and `@viz-js/viz` embed Graphviz 16.1.
 * bench/render.ts measures them (median CPU time, bench/out/render.md): hpcc-js needs
 * 1.16-1.52x less time on medium (300 nodes) and large (800-1,000 nodes) diagrams, e.g.
 * 6.4 s vs 9.0 s for an 800-node services diagram, so it is the default; viz-js loads faster
 * (46 vs 114 ms) and stays selectable with `wasm: 'viz'` where @viz-js/viz is installed (a
 * development dependency: the package does not pull it in for a benchmark).
 */
import { spawn } from 'node:child_process';
import { OutputError } from '../errors.js';

export type DiagramFormat = 'dot' | 'svg' | 'png';
export type Renderer = 'wasm' | 'dot';
export type WasmBuild = 'hpcc' | 'viz';

export interface RenderOptions {
  /** `dot` (hierarchical, default) or `nop`: keep the `pos` attributes of a pinned layout (neato -n). */
  engine?: 'dot' | 'nop';
  /** WebAssembly build used by the `wasm` renderer (default `hpcc`, the faster one). */
  wasm?: WasmBuild;
  /** The Graphviz command of the `dot` renderer (default `dot`, looked up on PATH). */
  dotCommand?: string;
  /** Upper bound on PNG pixels (width x height); larger diagrams are scaled down. Default 16 million. */
  maxPngPixels?: number;
}

/** Rendering failed: invalid DOT, missing `dot` binary, or a Graphviz error. */
export class RenderError extends OutputError {}

interface WasmLayout {
  svg(dot: string, engine: 'dot' | 'nop'): string;
}

const loaded = new Map<WasmBuild, Promise<WasmLayout>>();

async function loadHpcc(): Promise<WasmLayout> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return {
    // hpcc throws with Graphviz's own message ("syntax error in line 1 near '}'").
    svg: (dot, engine) =>
      engine === 'nop'
        ? graphviz.layout(dot, 'svg', 'neato', { nop: 1 })
        : graphviz.layout(dot, 'svg', 'dot'),
  };
}

async function loadViz(): Promise<WasmLayout> {
  // A development dependency (bench/render.ts compares the two builds): not installed with dyplan.
  const vizModule = await import('@viz-js/viz').catch((error: unknown) => {
    throw new RenderError("wasm: 'viz' needs the package @viz-js/viz (npm install @viz-js/viz)", {
      cause: error,
    });
  });
  const { instance } = vizModule;
  const viz = await instance();
  return {
    svg: (dot, engine) => {
      const result = viz.render(dot, { format: 'svg', engine });
      if (result.status !== 'success')
        throw new Error(result.errors.map((e) => e.message).join('; ') || 'Graphviz failed');
      return result.output;
    },
  };
}

/** The WebAssembly Graphviz instance, loaded once per process. */
export function wasmGraphviz(build: WasmBuild = 'hpcc'): Promise<WasmLayout> {
  let p = loaded.get(build);
  if (!p) {
    p = build === 'hpcc' ? loadHpcc() : loadViz();
    loaded.set(build, p);
  }
  return p;
}

/** SVG through WebAssembly Graphviz. */
export async function wasmSvg(dot: string, options: RenderOptions = {}): Promise<string> {
  const layout = await wasmGraphviz(options.wasm ?? 'hpcc');
  try {
    return layout.svg(dot, options.engine ?? 'dot');
  } catch (error) {
    throw new RenderError(
      `Graphviz (WebAssembly) could not render the diagram: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** Size of an SVG in CSS pixels, from Graphviz's `width="..pt" height="..pt"`. */
function svgPixels(svg: string): { width: number; height: number } | undefined {
  const m = /<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"/.exec(svg);
  if (!m) return undefined;
  const px = (v: string, unit: string | undefined): number => Number(v) * (unit === 'pt' ? 96 / 72 : 1);
  return { width: px(m[1], m[2]), height: px(m[3], m[4]) };
}

/** PNG from SVG with resvg (system fonts; white background like Graphviz's PNG output). */
export async function svgToPng(svg: string, options: RenderOptions = {}): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const maxPixels = options.maxPngPixels ?? 16_000_000;
  const size = svgPixels(svg);
  const zoom =
    size && size.width * size.height > maxPixels ? Math.sqrt(maxPixels / (size.width * size.height)) : 1;
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: zoom < 1 ? { mode: 'zoom', value: zoom } : { mode: 'original' },
    font: { loadSystemFonts: true },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Runs the system Graphviz (no shell), feeding DOT on stdin. */
export function runDot(dot: string, args: string[], command = 'dot'): Promise<Uint8Array> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new RenderError(
          e.code === 'ENOENT'
            ? `cannot run ${command}: Graphviz is not installed or not on PATH (the default wasm renderer needs no Graphviz)`
            : `cannot run ${command}: ${e.message}`,
          { cause: e },
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolvePromise(new Uint8Array(Buffer.concat(out)));
      else
        reject(
          new RenderError(`${command} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`),
        );
    });
    child.stdin.on('error', () => undefined); // the close handler reports the real failure
    child.stdin.end(dot);
  });
}

/**
 * Renders DOT text. `dot` returns the text unchanged; `svg` returns SVG text; `png` returns PNG
 * bytes. Renderer `wasm` (default) never needs Graphviz on the machine.
 */
export async function renderDot(
  dot: string,
  format: 'dot' | 'svg',
  renderer?: Renderer,
  options?: RenderOptions,
): Promise<string>;
export async function renderDot(
  dot: string,
  format: 'png',
  renderer?: Renderer,
  options?: RenderOptions,
): Promise<Uint8Array>;
export async function renderDot(
  dot: string,
  format: DiagramFormat,
  renderer?: Renderer,
  options?: RenderOptions,
): Promise<string | Uint8Array>;
export async function renderDot(
  dot: string,
  format: DiagramFormat,
  renderer: Renderer = 'wasm',
  options: RenderOptions = {},
): Promise<string | Uint8Array> {
  if (format === 'dot') return dot;
  const engine = options.engine ?? 'dot';
  if (renderer === 'dot') {
    const args = engine === 'nop' ? ['-Kneato', '-n', `-T${format}`] : [`-T${format}`];
    const bytes = await runDot(dot, args, options.dotCommand);
    return format === 'svg' ? wellFormedSvg(Buffer.from(bytes).toString('utf8')) : bytes;
  }
  const svg = wellFormedSvg(await wasmSvg(dot, options));
  return format === 'svg' ? svg : svgToPng(svg, options);
}

/**
 * Graphviz copies text that looks like an entity reference (`&x;`, from a node named so) into its
 * SVG as it is, and SVG defines no such entity: the file is not well-formed. Every `&` that does not
 * start one of XML's own references is escaped.
 */
export function wellFormedSvg(svg: string): string {
  return svg.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
}
