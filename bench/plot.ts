/** Largest and smallest of a list, without spreading it into a call (the list may be long). */
const maxOf = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, x), -Infinity);
const minOf = (xs: readonly number[]): number => xs.reduce((m, x) => Math.min(m, x), Infinity);
/**
 * Log-log SVG plots of time against size for the benchmark (bench/run.ts), one series per tool,
 * each with its least-squares slope in log-log space (how cost grows: 1 = linear, 2 = quadratic).
 * Plain SVG text, no dependency.
 */

export interface Series {
  tool: string;
  /** [size, milliseconds] points; non-positive values are left out (no log). */
  points: [number, number][];
}

/** Least-squares slope and intercept of log10(y) against log10(x); NaN below two points. */
export function logLogFit(points: readonly [number, number][]): { slope: number; intercept: number } {
  const usable = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log10(x), Math.log10(y)]);
  if (usable.length < 2) return { slope: NaN, intercept: NaN };
  const mx = usable.reduce((s, [x]) => s + x, 0) / usable.length;
  const my = usable.reduce((s, [, y]) => s + y, 0) / usable.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of usable) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return { slope, intercept: my - slope * mx };
}

const COLOURS = ['#1b6ca8', '#d1495b', '#edae49', '#00798c', '#6a4c93', '#3d405b', '#81b29a'];
const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function logLogSvg(title: string, xLabel: string, series: readonly Series[]): string {
  const width = 720;
  const height = 440;
  const left = 70;
  const right = 230;
  const top = 40;
  const bottom = 50;
  const all = series.flatMap((s) => s.points.filter(([x, y]) => x > 0 && y > 0));
  const decade = (v: number, up: boolean): number =>
    up ? Math.ceil(Math.log10(v)) : Math.floor(Math.log10(v));
  const x0 = decade(minOf(all.map(([x]) => x)), false);
  const x1 = Math.max(x0 + 1, decade(maxOf(all.map(([x]) => x)), true));
  const y0 = decade(minOf(all.map(([, y]) => y)), false);
  const y1 = Math.max(y0 + 1, decade(maxOf(all.map(([, y]) => y)), true));
  const px = (x: number): number => left + ((Math.log10(x) - x0) / (x1 - x0)) * (width - left - right);
  const py = (y: number): number =>
    height - bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (height - top - bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let d = x0; d <= x1; d++) {
    const x = px(10 ** d);
    out.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${height - bottom}" stroke="#ddd"/>`,
      `<text x="${x}" y="${height - bottom + 18}" text-anchor="middle">1e${d}</text>`,
    );
  }
  for (let d = y0; d <= y1; d++) {
    const y = py(10 ** d);
    out.push(
      `<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${formatMs(10 ** d)}</text>`,
    );
  }
  out.push(
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">${escape(xLabel)} (log)</text>`,
    `<text x="16" y="${(top + height - bottom) / 2}" transform="rotate(-90 16 ${(top + height - bottom) / 2})" text-anchor="middle">median time (log)</text>`,
  );
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.filter(([x, y]) => x > 0 && y > 0).sort((a, b) => a[0] - b[0]);
    if (points.length === 0) return;
    out.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`,
      // eslint-disable-next-line no-restricted-syntax -- one series' points: a few dozen
      ...points.map(
        ([x, y]) => `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${colour}"/>`,
      ),
    );
    const { slope } = logLogFit(points);
    const label = `${s.tool}${Number.isFinite(slope) ? ` (slope ${slope.toFixed(2)})` : ''}`;
    const ly = top + 10 + i * 20;
    out.push(
      `<rect x="${width - right + 15}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${width - right + 33}" y="${ly + 2}">${escape(label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function formatMs(ms: number): string {
  if (ms >= 1000) return `${ms / 1000} s`;
  if (ms >= 1) return `${ms} ms`;
  return `${ms * 1000} µs`;
}
