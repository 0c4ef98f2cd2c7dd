/**
 * The browser side of `dyplan view` (bundled with esbuild into dist/src/view/client.js and
 * inlined into the page). It reads the data dyplan computed (src/view/data.ts) from the page's
 * JSON block and draws it with sigma.js over graphology; it computes no layout and no plan.
 *
 * Every model name and value reaches the DOM through `textContent` (or canvas `fillText`), never
 * as HTML. Without WebGL the graph is not drawn, the page says so, and search and the panels
 * still work.
 */
import { DirectedGraph } from 'graphology';
import Sigma from 'sigma';
import type { ViewData, ViewService, ViewTarget } from '../data.js';

type ViewName = 'services' | 'distribution' | 'infrastructure';
type Selection =
  { kind: 'service'; index: number; placement?: number } | { kind: 'target'; index: number } | null;

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  /** What the node stands for: a service index, a placement index or a target index. */
  ref: number;
}
interface EdgeAttributes {
  label?: string;
  size: number;
  color: string;
  type: string;
  crossing: boolean;
}

const DIM = '#e4e6ea';
const MOVED = '#ff7f0e';

const data = JSON.parse(document.getElementById('dyplan-data')?.textContent ?? '{}') as ViewData;
performance.mark('dyplan:parsed');
const { services, targets } = data;
const dist = data.distributionView;
const infra = data.infrastructureView;

// Translucent links on large graphs, so that the nodes stay visible under 20,000 of them.
const denseLinks = (dist?.linkCount ?? 0) > 3000 || data.servicesView.links.length > 9000;
const CROSSING = denseLinks ? 'rgba(214,39,40,0.35)' : '#d62728';
const LINK = denseLinks ? 'rgba(150,155,165,0.35)' : '#b8bcc4';

// ---------- small DOM helpers (text only) ----------

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { text?: string; className?: string; id?: string; title?: string } = {},
  ...children: Array<Node | null | undefined>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (options.text !== undefined) e.textContent = options.text;
  if (options.className) e.className = options.className;
  if (options.id) e.id = options.id;
  if (options.title) e.title = options.title;
  for (const c of children) if (c) e.appendChild(c);
  return e;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** 12345 -> "12,345" (without Intl, which costs more than the rest of a panel). */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
}

// ---------- colours ----------

function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): string => {
    const k = (n + h * 12) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** Evenly spread hues (golden ratio), as the large-layout legend does. */
const paletteColour = (i: number): string => hslHex((i * 0.618033988749895) % 1, 0.62, 0.52);

// ---------- derived indexes ----------

const placementsOf: number[][] = services.map(() => []);
if (dist) dist.service.forEach((s, p) => placementsOf[s].push(p));
const servicesOn: number[][] = targets.map(() => []);
if (dist)
  dist.target.forEach((t, p) => {
    const list = servicesOn[t];
    if (list[list.length - 1] !== dist.service[p]) list.push(dist.service[p]);
  });
const dependants: number[][] = services.map(() => []);
services.forEach((s, i) => {
  for (const d of s.dependsOn) dependants[d].push(i);
  for (const d of s.connectsTo) if (!s.dependsOn.includes(d)) dependants[d].push(i);
});
const firstTarget = (s: number): number | undefined =>
  dist && placementsOf[s].length > 0 ? dist.target[placementsOf[s][0]] : undefined;
const lowerNames = services.map((s) => s.name.toLowerCase());

// ---------- state ----------

const state = {
  view: (dist ? 'distribution' : 'services') as ViewName,
  colourBy: (dist ? 'target' : 'group') as 'target' | 'group',
  selection: null as Selection,
  onlyCrossing: false,
  showMoves: false,
};

// ---------- graphs, built once per view ----------

const graphs = new Map<ViewName, DirectedGraph<NodeAttributes, EdgeAttributes>>();

function nodeSize(degree: number, count: number): number {
  const base = count > 2000 ? 1.5 : count > 300 ? 3 : 6;
  return Math.min(base + Math.sqrt(degree) * (count > 2000 ? 0.8 : 1.5), base * 5);
}

function serviceColour(s: number): string {
  if (state.colourBy === 'target') {
    const t = firstTarget(s);
    return t === undefined ? '#888888' : paletteColour(t);
  }
  return paletteColour(services[s].group);
}

/**
 * One drawn edge per ordered pair: a dependsOn and a connectsTo between the same two nodes
 * overlap anyway, and a simple graph is much cheaper to build than a multigraph. A crossing
 * link wins the pair's colour. (Counts come from the data, never from the drawn graph.)
 */
function link(
  g: DirectedGraph<NodeAttributes, EdgeAttributes>,
  a: string,
  b: string,
  attrs: EdgeAttributes,
): void {
  const key = g.edge(a, b);
  if (key === undefined) g.addEdge(a, b, attrs);
  else if (attrs.crossing) g.replaceEdgeAttributes(key, attrs);
}

function buildGraph(view: ViewName): DirectedGraph<NodeAttributes, EdgeAttributes> {
  const g = new DirectedGraph<NodeAttributes, EdgeAttributes>();
  if (view === 'services') {
    const v = data.servicesView;
    const degree = services.map(() => 0);
    for (let i = 0; i < v.links.length; i += 3) {
      degree[v.links[i]]++;
      degree[v.links[i + 1]]++;
    }
    services.forEach((s, i) =>
      g.addNode(String(i), {
        x: v.x[i],
        y: v.y[i],
        size: nodeSize(degree[i], services.length),
        color: serviceColour(i),
        label: s.name,
        ref: i,
      }),
    );
    for (let i = 0; i < v.links.length; i += 3)
      link(g, String(v.links[i]), String(v.links[i + 1]), {
        size: 1,
        color: LINK,
        type: 'arrow',
        crossing: false,
      });
  } else if (view === 'distribution' && dist) {
    const count = dist.service.length;
    const degree = dist.service.map(() => 0);
    for (let i = 0; i < dist.links.length; i += 4) {
      degree[dist.links[i]]++;
      degree[dist.links[i + 1]]++;
    }
    dist.service.forEach((s, p) =>
      g.addNode(String(p), {
        x: dist.x[p],
        y: dist.y[p],
        size: nodeSize(degree[p], count),
        color: paletteColour(dist.target[p]),
        label: services[s].name,
        ref: p,
      }),
    );
    for (let i = 0; i < dist.links.length; i += 4) {
      const crossing = dist.links[i + 3] === 1;
      link(g, String(dist.links[i]), String(dist.links[i + 1]), {
        size: crossing ? 1.6 : 1,
        color: crossing ? CROSSING : LINK,
        type: 'arrow',
        crossing,
      });
    }
  } else if (view === 'infrastructure' && infra) {
    const most = infra.placed.reduce((m, v) => Math.max(m, v), 1);
    targets.forEach((t, i) =>
      g.addNode(String(i), {
        x: infra.x[i],
        y: infra.y[i],
        size: 6 + 18 * Math.sqrt(infra.placed[i] / most),
        color: paletteColour(i),
        label: t.name,
        ref: i,
      }),
    );
    const heaviest = infra.links.reduce((m, v, i) => (i % 3 === 2 ? Math.max(m, v) : m), 1);
    for (let i = 0; i < infra.links.length; i += 3)
      link(g, String(infra.links[i]), String(infra.links[i + 1]), {
        size: 1 + 5 * Math.sqrt(infra.links[i + 2] / heaviest),
        color: CROSSING,
        type: 'line',
        crossing: true,
        label: plural(infra.links[i + 2], 'crossing link'),
      });
  }
  return g;
}

function graphOf(view: ViewName): DirectedGraph<NodeAttributes, EdgeAttributes> {
  let g = graphs.get(view);
  if (!g) {
    g = buildGraph(view);
    graphs.set(view, g);
  }
  return g;
}

// ---------- highlighting (sigma reducers) ----------

/** The service a node of the current view stands for (undefined in the infrastructure view). */
function serviceOfNode(ref: number): number | undefined {
  if (state.view === 'services') return ref;
  if (state.view === 'distribution' && dist) return dist.service[ref];
  return undefined;
}

let neighbourhood: Set<number> | null = null;

function computeNeighbourhood(): void {
  const sel = state.selection;
  if (!sel) {
    neighbourhood = null;
    return;
  }
  if (sel.kind === 'service') {
    neighbourhood = new Set([
      sel.index,
      ...services[sel.index].dependsOn,
      ...services[sel.index].connectsTo,
      ...dependants[sel.index],
    ]);
  } else neighbourhood = null;
}

function nodeReducer(
  _key: string,
  attrs: NodeAttributes,
): Partial<NodeAttributes & { hidden: boolean; zIndex: number; highlighted: boolean; forceLabel: boolean }> {
  const sel = state.selection;
  const service = serviceOfNode(attrs.ref);
  if (state.showMoves && data.compare && service !== undefined) {
    const moved = services[service].was !== undefined;
    if (!moved) return { ...attrs, color: DIM, label: '', zIndex: 0 };
    return { ...attrs, color: MOVED, size: attrs.size * 1.8, zIndex: 2, forceLabel: sel === null };
  }
  if (!sel) return attrs;
  if (sel.kind === 'target') {
    if (state.view === 'infrastructure')
      return attrs.ref === sel.index ? { ...attrs, highlighted: true, zIndex: 2 } : attrs;
    const onTarget =
      state.view === 'distribution' && dist
        ? dist.target[attrs.ref] === sel.index
        : service !== undefined && placementsOf[service].some((p) => dist?.target[p] === sel.index);
    return onTarget ? { ...attrs, zIndex: 1 } : { ...attrs, color: DIM, label: '', zIndex: 0 };
  }
  if (state.view === 'infrastructure')
    return placementsOf[sel.index].some((p) => dist?.target[p] === attrs.ref)
      ? { ...attrs, highlighted: true, forceLabel: true, zIndex: 2 }
      : attrs;
  if (service === undefined) return attrs;
  if (service === sel.index)
    return { ...attrs, highlighted: true, forceLabel: true, zIndex: 3, size: attrs.size * 1.5 };
  if (neighbourhood?.has(service)) return { ...attrs, forceLabel: true, zIndex: 2 };
  return { ...attrs, color: DIM, label: '', zIndex: 0 };
}

function edgeReducer(
  key: string,
  attrs: EdgeAttributes,
): Partial<EdgeAttributes & { hidden: boolean; zIndex: number }> {
  if (state.onlyCrossing && state.view !== 'services' && !attrs.crossing) return { ...attrs, hidden: true };
  const sel = state.selection;
  if (state.showMoves && data.compare) return { ...attrs, color: DIM };
  if (!sel || !sigma) return attrs;
  const g = sigma.getGraph();
  const [a, b] = [g.getNodeAttributes(g.source(key)).ref, g.getNodeAttributes(g.target(key)).ref];
  if (sel.kind === 'target') {
    if (state.view === 'infrastructure')
      return a === sel.index || b === sel.index ? attrs : { ...attrs, color: DIM };
    if (state.view === 'distribution' && dist)
      return dist.target[a] === sel.index || dist.target[b] === sel.index
        ? attrs
        : { ...attrs, hidden: true };
    return { ...attrs, color: DIM };
  }
  if (state.view === 'infrastructure') return attrs;
  const [sa, sb] = [serviceOfNode(a), serviceOfNode(b)];
  if (sa === sel.index || sb === sel.index) return { ...attrs, size: attrs.size * 1.6, zIndex: 1 };
  return { ...attrs, hidden: true };
}

// ---------- sigma ----------

let sigma: Sigma<NodeAttributes, EdgeAttributes> | null = null;
let regionsContext: CanvasRenderingContext2D | null = null;

function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

function drawRegions(): void {
  const ctx = regionsContext;
  if (!sigma || !ctx) return;
  const { width, height } = sigma.getDimensions();
  ctx.clearRect(0, 0, width, height);
  if (state.view !== 'distribution' || !dist) return;
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.textAlign = 'center';
  // Labels after the circles, largest regions first, skipping any that would overlap one drawn.
  const labels: Array<{ t: number; x: number; y: number; radius: number; selected: boolean }> = [];
  dist.regions.forEach((r, t) => {
    if (!r || !sigma) return;
    const c = sigma.graphToViewport({ x: r.x, y: r.y });
    const edge = sigma.graphToViewport({ x: r.x + r.r, y: r.y });
    const radius = Math.hypot(edge.x - c.x, edge.y - c.y);
    if (c.x + radius < 0 || c.x - radius > width || c.y + radius < 0 || c.y - radius > height) return;
    const selected = state.selection?.kind === 'target' && state.selection.index === t;
    ctx.beginPath();
    ctx.arc(c.x, c.y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = `${paletteColour(t)}${selected ? '45' : '2a'}`;
    ctx.fill();
    ctx.lineWidth = selected ? 2.5 : 1;
    ctx.strokeStyle = `${paletteColour(t)}${selected ? 'ff' : 'b0'}`;
    ctx.stroke();
    if (radius > 30 || selected) labels.push({ t, x: c.x, y: c.y - radius - 4, radius, selected });
  });
  labels.sort((a, b) => Number(b.selected) - Number(a.selected) || b.radius - a.radius);
  const drawn: Array<[number, number, number, number]> = [];
  ctx.fillStyle = '#333333';
  for (const l of labels) {
    const w = ctx.measureText(targets[l.t].name).width;
    const box: [number, number, number, number] = [l.x - w / 2 - 2, l.y - 14, l.x + w / 2 + 2, l.y + 3];
    if (!l.selected && drawn.some((d) => box[0] < d[2] && box[2] > d[0] && box[1] < d[3] && box[3] > d[1]))
      continue;
    drawn.push(box);
    ctx.fillText(targets[l.t].name, l.x, l.y);
  }
}

function startSigma(container: HTMLElement, ready: () => void): void {
  const g = graphOf(state.view);
  performance.mark('dyplan:graph');
  const large = dist ? dist.links.length > 5000 : data.servicesView.links.length > 15000;
  // Sigma renders as soon as it has a graph, and each render is a full WebGL frame (seconds for
  // 30,000 items on a software renderer): start empty, set the layers and the frame up, then
  // hand over the graph, so that the first real render is the only one.
  sigma = new Sigma<NodeAttributes, EdgeAttributes>(
    new DirectedGraph<NodeAttributes, EdgeAttributes>(),
    container,
    {
      nodeReducer: nodeReducer as never,
      edgeReducer: edgeReducer as never,
      zIndex: true,
      hideEdgesOnMove: large,
      labelRenderedSizeThreshold: 7,
      stagePadding: 40,
      labelFont: 'system-ui, sans-serif',
      defaultEdgeType: 'arrow',
    },
  );
  sigma.createCanvasContext('regions', { beforeLayer: 'edges' } as never);
  regionsContext = sigma.getCanvases().regions?.getContext('2d') ?? null;
  // A layer added after construction gets its size on the next resize.
  sigma.resize(true);
  sigma.setCustomBBox(frameOf(state.view));
  sigma.once('afterRender', ready);
  sigma.setGraph(g);
  sigma.on('afterRender', drawRegions);
  // The camera state, for tests and for anyone scripting the page.
  const camera = sigma.getCamera();
  const showCamera = (): void => {
    const c = camera.getState();
    document.documentElement.dataset.camera = `${c.x.toFixed(4)},${c.y.toFixed(4)},${c.ratio.toFixed(4)}`;
  };
  camera.on('updated', showCamera);
  showCamera();
  sigma.on('clickNode', ({ node }) => {
    const ref = g.getNodeAttributes(node).ref;
    const current = sigma?.getGraph().getNodeAttributes(node).ref ?? ref;
    if (state.view === 'infrastructure') select({ kind: 'target', index: current });
    else if (state.view === 'distribution' && dist)
      select({ kind: 'service', index: dist.service[current], placement: current });
    else select({ kind: 'service', index: current });
  });
  sigma.on('clickStage', ({ event }) => {
    if (state.view === 'distribution' && dist && sigma) {
      const p = sigma.viewportToGraph({ x: event.x, y: event.y });
      const hit = dist.regions.findIndex((r) => r !== null && Math.hypot(p.x - r.x, p.y - r.y) <= r.r);
      if (hit >= 0) return select({ kind: 'target', index: hit });
    }
    select(null);
  });
  sigma.on('enterNode', () => container.classList.add('pointing'));
  sigma.on('leaveNode', () => container.classList.remove('pointing'));
}

/** The distribution view frames its target regions, not only the nodes inside them. */
function frameOf(view: ViewName): { x: [number, number]; y: [number, number] } | null {
  if (view !== 'distribution' || !dist) return null;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const r of dist.regions) {
    if (!r) continue;
    [x0, x1, y0, y1] = [
      Math.min(x0, r.x - r.r),
      Math.max(x1, r.x + r.r),
      Math.min(y0, r.y - r.r),
      Math.max(y1, r.y + r.r),
    ];
  }
  dist.x.forEach((x, p) => {
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, dist.y[p]), Math.max(y1, dist.y[p])];
  });
  return x0 <= x1 ? { x: [x0, x1], y: [y0, y1] } : null;
}

function refresh(): void {
  computeNeighbourhood();
  // Now, not on the next frame: focusing the camera reads the processed (framed) positions.
  sigma?.refresh();
}

// ---------- camera ----------

function focusNode(key: string): void {
  if (!sigma) return;
  const d = sigma.getNodeDisplayData(key);
  if (!d) return;
  const camera = sigma.getCamera();
  // Zoom in on large graphs only (a small one is readable as it is):
  const order = sigma.getGraph().order;
  // about 150 nodes stay in sight
  const ratio = Math.max(0.05, Math.min(1, Math.sqrt(150 / Math.max(order, 1))));
  void camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, ratio) }, { duration: 350 });
}

function zoom(factor: number): void {
  const camera = sigma?.getCamera();
  if (!camera) return;
  void (factor > 1
    ? camera.animatedZoom({ duration: 200, factor })
    : camera.animatedUnzoom({ duration: 200, factor: 1 / factor }));
}

function pan(dx: number, dy: number): void {
  const camera = sigma?.getCamera();
  if (!camera) return;
  const s = camera.getState();
  camera.setState({ x: s.x + dx * 0.1 * s.ratio, y: s.y + dy * 0.1 * s.ratio });
}

// ---------- view switching ----------

function setView(view: ViewName): void {
  if ((view === 'distribution' && !dist) || (view === 'infrastructure' && !infra)) return;
  state.view = view;
  document
    .querySelectorAll<HTMLButtonElement>('#views button')
    .forEach((b) => b.setAttribute('aria-selected', String(b.dataset.view === view)));
  document.documentElement.dataset.view = view;
  const crossing = byId<HTMLInputElement>('only-crossing');
  if (crossing) crossing.disabled = view === 'services';
  if (sigma) {
    computeNeighbourhood();
    sigma.setSetting('renderEdgeLabels', view === 'infrastructure');
    sigma.setSetting('stagePadding', view === 'infrastructure' ? 90 : 40);
    sigma.setCustomBBox(frameOf(view));
    sigma.setGraph(graphOf(view));
    sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    const sel = state.selection;
    if (sel) focusSelection(sel);
  }
  renderLegend();
}

function focusSelection(sel: NonNullable<Selection>): void {
  if (sel.kind === 'service') {
    if (state.view === 'services') focusNode(String(sel.index));
    else if (state.view === 'distribution') {
      const p = sel.placement ?? placementsOf[sel.index][0];
      if (p !== undefined) focusNode(String(p));
    }
  } else if (state.view === 'infrastructure') focusNode(String(sel.index));
  else if (state.view === 'distribution' && dist && sigma) {
    const r = dist.regions[sel.index];
    if (!r) return;
    // Centre the camera on the region: the display coordinates of a node there give the framed point.
    const p =
      servicesOn[sel.index].length > 0
        ? placementsOf[servicesOn[sel.index][0]].find((q) => dist.target[q] === sel.index)
        : undefined;
    if (p !== undefined) focusNode(String(p));
  }
}

// ---------- selection and the side panel ----------

function select(sel: Selection): void {
  state.selection = sel;
  if (sel?.kind === 'service' && state.view === 'infrastructure') setView(dist ? 'distribution' : 'services');
  // The panel first: a full frame of a large graph takes seconds on a software renderer, and the
  // panel should not wait for it.
  renderPanel();
  refresh();
  if (sel) focusSelection(sel);
}

function serviceButton(i: number): HTMLElement {
  const b = el('button', { text: services[i].name, className: 'link' });
  b.dataset.service = services[i].name;
  b.addEventListener('click', () => select({ kind: 'service', index: i }));
  return b;
}

function targetButton(t: number, suffix = ''): HTMLElement {
  const b = el('button', { text: targets[t].name + suffix, className: 'link' });
  b.dataset.target = targets[t].name;
  b.addEventListener('click', () => select({ kind: 'target', index: t }));
  return b;
}

function field(dl: HTMLElement, name: string, ...values: Array<Node | string>): void {
  const dd = el('dd');
  dd.dataset.field = name;
  values.forEach((v, i) => {
    if (i > 0) dd.appendChild(document.createTextNode(', '));
    dd.appendChild(typeof v === 'string' ? document.createTextNode(v) : v);
  });
  dl.append(el('dt', { text: name }), dd);
}

function serviceList(title: string, list: number[], limit = 200): HTMLElement | null {
  if (list.length === 0) return null;
  const section = el(
    'section',
    { className: 'list' },
    el('h3', { text: `${title} (${count(list.length)})` }),
  );
  const ul = el('ul');
  for (const i of list.slice(0, limit)) ul.appendChild(el('li', {}, serviceButton(i)));
  if (list.length > limit) ul.appendChild(el('li', { text: `… and ${count(list.length - limit)} more` }));
  section.appendChild(ul);
  return section;
}

function propertiesTable(title: string, properties: Record<string, unknown>): HTMLElement | null {
  const keys = Object.keys(properties).sort();
  if (keys.length === 0) return null;
  const table = el('table', { className: 'properties' });
  for (const k of keys) {
    const value = valueText(properties[k]);
    const td = el('td');
    td.appendChild(value.includes('\n') ? el('pre', { text: value }) : document.createTextNode(value));
    table.appendChild(el('tr', {}, el('th', { text: k }), td));
  }
  return el('section', {}, el('h3', { text: title }), table);
}

function loadBars(t: ViewTarget): HTMLElement | null {
  if (!t.loads || data.resources.length === 0) return null;
  const box = el('div', { className: 'loads' });
  t.loads.forEach((load, r) => {
    const res = data.resources[r];
    const share =
      load.capacity === null || load.capacity <= 0 ? (load.demand > 0 ? 1 : 0) : load.demand / load.capacity;
    const bar = el('div', { className: 'bar' });
    const fill = el('div', { className: share > 1 ? 'fill over' : share > 0.85 ? 'fill high' : 'fill' });
    fill.style.width = `${Math.min(100, share * 100).toFixed(1)}%`;
    bar.appendChild(fill);
    const text =
      load.capacity === null
        ? `${res.service}: ${load.demand} (no ${res.target})`
        : `${res.service}: ${load.demand} of ${res.target} ${load.capacity} (${Math.round(share * 100)} %)`;
    const row = el(
      'div',
      { className: 'load', title: text },
      el('span', { text, className: 'load-text' }),
      bar,
    );
    row.dataset.resource = `${res.service}:${res.target}`;
    box.appendChild(row);
  });
  return box;
}

function renderService(panel: HTMLElement, i: number, placement?: number): void {
  const s: ViewService = services[i];
  panel.appendChild(el('h2', { text: s.name, id: 'panel-title' }));
  panel.dataset.kind = 'service';
  const dl = el('dl');
  if (s.type !== undefined) field(dl, 'type', s.type);
  field(dl, 'group', data.groups[s.group] === '' ? '(root)' : data.groups[s.group]);
  if (dist) {
    const places = placementsOf[i];
    if (places.length === 0) field(dl, 'target', '(not distributed)');
    else
      field(
        dl,
        places.length === 1 ? 'target' : 'targets',
        // eslint-disable-next-line no-restricted-syntax -- one service's own placements: a handful
        ...places.map((p) => {
          const b = targetButton(dist.target[p], dist.container[p] === null ? '' : ` / ${dist.container[p]}`);
          if (p === placement) b.classList.add('current');
          return b;
        }),
      );
  }
  if (s.was !== undefined && data.compare)
    field(dl, 'moved from', s.was.length === 0 ? '(nowhere)' : s.was.join(', '));
  for (const [resource, id] of Object.entries(s.ids ?? {})) field(dl, resource, String(id));
  panel.appendChild(dl);
  for (const section of [
    serviceList('dependsOn', s.dependsOn),
    serviceList('connectsTo', s.connectsTo),
    serviceList('used by', dependants[i]),
    propertiesTable('properties', s.properties),
  ])
    if (section) panel.appendChild(section);
}

function renderTarget(panel: HTMLElement, t: number): void {
  const target = targets[t];
  panel.dataset.kind = 'target';
  panel.appendChild(el('h2', { text: target.name, id: 'panel-title' }));
  const dl = el('dl');
  if (!target.declared) field(dl, 'note', 'not in the infrastructure model');
  if (dist) field(dl, 'services', count(servicesOn[t].length));
  if (target.containers.length > 0) field(dl, 'containers', target.containers.join(', '));
  panel.appendChild(dl);
  const bars = loadBars(target);
  if (bars) panel.appendChild(bars);
  const props = propertiesTable('properties', target.properties);
  if (props) panel.appendChild(props);
  const list = serviceList('services here', servicesOn[t]);
  if (list) panel.appendChild(list);
}

function renderOverview(panel: HTMLElement): void {
  panel.dataset.kind = 'overview';
  panel.appendChild(el('h2', { text: 'Plan', id: 'panel-title' }));
  const dl = el('dl');
  field(dl, 'services', count(services.length));
  field(dl, 'groups', count(data.groups.length));
  if (targets.length > 0) field(dl, 'targets', count(targets.length));
  if (dist) field(dl, 'links', dist.summary);
  if (data.compare) {
    const c = data.compare;
    field(dl, 'compared with', c.file);
    field(dl, 'moved', plural(c.moved, 'service'));
    if (c.added > 0) field(dl, 'only in this plan', plural(c.added, 'service'));
    if (c.removed > 0) field(dl, 'only in the other', plural(c.removed, 'service'));
    field(
      dl,
      'crossing links',
      `${c.crossing} of ${c.linkCount} here, ${c.otherCrossing} of ${c.otherLinkCount} there`,
    );
  }
  panel.appendChild(dl);
  panel.appendChild(
    el('p', {
      className: 'hint',
      text: 'Search a service, or click a node or a target region. Keys: + and − zoom, arrows pan, 0 resets, 1 2 3 switch views, / searches, Esc clears.',
    }),
  );
  if (targets.length > 0) {
    const section = el('section', { className: 'list' }, el('h3', { text: 'targets' }));
    const ul = el('ul', { className: 'targets' });
    const limit = 500;
    targets.slice(0, limit).forEach((t, i) => {
      const li = el('li', {}, targetButton(i, dist ? ` (${count(servicesOn[i].length)})` : ''));
      const bars = loadBars(t);
      if (bars) li.appendChild(bars);
      ul.appendChild(li);
    });
    if (targets.length > limit)
      ul.appendChild(el('li', { text: `… and ${count(targets.length - limit)} more` }));
    section.appendChild(ul);
    panel.appendChild(section);
  }
}

function renderPanel(): void {
  const panel = byId('panel');
  panel.replaceChildren();
  const sel = state.selection;
  if (sel?.kind === 'service') renderService(panel, sel.index, sel.placement);
  else if (sel?.kind === 'target') renderTarget(panel, sel.index);
  else renderOverview(panel);
}

function renderLegend(): void {
  const legend = byId('legend');
  legend.replaceChildren();
  const byTarget = state.view !== 'services' || state.colourBy === 'target';
  const names = byTarget ? targets.map((t) => t.name) : data.groups.map((g) => (g === '' ? '(root)' : g));
  const limit = 12;
  names.slice(0, limit).forEach((name, i) => {
    const swatch = el('span', { className: 'swatch' });
    swatch.style.background = paletteColour(i);
    legend.appendChild(el('div', {}, swatch, document.createTextNode(name)));
  });
  if (names.length > limit)
    legend.appendChild(
      el('div', { text: `… ${count(names.length - limit)} more ${byTarget ? 'targets' : 'groups'}` }),
    );
  if (state.showMoves && data.compare) {
    const swatch = el('span', { className: 'swatch' });
    swatch.style.background = MOVED;
    legend.prepend(el('div', {}, swatch, document.createTextNode('moved')));
  }
}

// ---------- search with completion ----------

function matches(query: string, limit = 12): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const prefix: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < lowerNames.length && prefix.length < limit; i++) {
    const at = lowerNames[i].indexOf(q);
    if (at === 0) prefix.push(i);
    else if (at > 0 && inside.length < limit) inside.push(i);
  }
  // Exact matches first.
  const exact = lowerNames.indexOf(q);
  const all = [...(exact >= 0 ? [exact] : []), ...prefix, ...inside].filter((v, i, a) => a.indexOf(v) === i);
  return all.slice(0, limit);
}

function setupSearch(): void {
  const input = byId<HTMLInputElement>('search');
  const list = byId<HTMLUListElement>('suggestions');
  let current: number[] = [];
  let active = -1;
  const show = (): void => {
    list.replaceChildren();
    current.forEach((i, k) => {
      const li = el('li', { text: services[i].name });
      li.setAttribute('role', 'option');
      li.dataset.service = services[i].name;
      if (k === active) li.classList.add('active');
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(i);
      });
      list.appendChild(li);
    });
    list.hidden = current.length === 0;
  };
  const choose = (i: number): void => {
    input.value = services[i].name;
    current = [];
    show();
    select({ kind: 'service', index: i });
  };
  input.addEventListener('input', () => {
    current = matches(input.value);
    active = current.length > 0 ? 0 : -1;
    show();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (current.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : current.length - 1)) % current.length;
      show();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const pick = active >= 0 ? current[active] : matches(input.value, 1)[0];
      if (pick !== undefined) choose(pick);
      else byId('search-status').textContent = `no service matches “${input.value}”`;
    } else if (event.key === 'Escape') {
      current = [];
      show();
      input.blur();
    }
    if (event.key !== 'Enter') byId('search-status').textContent = '';
  });
  input.addEventListener('blur', () => {
    current = [];
    show();
  });
}

// ---------- header ----------

function setupHeader(): void {
  byId('title').textContent = data.title;
  const views = byId('views');
  const available: Array<[ViewName, string]> = [['services', 'Services']];
  if (infra) available.push(['infrastructure', 'Infrastructure']);
  if (dist) available.push(['distribution', 'Distribution']);
  for (const [view, label] of available) {
    const b = el('button', { text: label, id: `view-${view}` });
    b.dataset.view = view;
    b.setAttribute('role', 'tab');
    b.addEventListener('click', () => setView(view));
    views.appendChild(b);
  }
  const stats = byId('stats');
  stats.appendChild(
    el('span', { text: `${plural(services.length, 'service')} · ${plural(targets.length, 'target')}` }),
  );
  if (dist) {
    const crossing = el('span', { id: 'crossing-summary', className: 'crossing', text: dist.summary });
    crossing.dataset.count = String(dist.crossing);
    stats.appendChild(crossing);
  }
  const controls = byId('controls');
  if (dist) {
    const box = el('input');
    box.type = 'checkbox';
    box.id = 'only-crossing';
    box.addEventListener('change', () => {
      state.onlyCrossing = box.checked;
      refresh();
    });
    controls.appendChild(el('label', {}, box, document.createTextNode(' only crossing links')));
  }
  if (data.compare) {
    const c = data.compare;
    const box = el('input');
    box.type = 'checkbox';
    box.id = 'show-moves';
    box.addEventListener('change', () => {
      state.showMoves = box.checked;
      if (box.checked && state.view === 'infrastructure') setView('distribution');
      refresh();
      renderLegend();
    });
    const summary = el('span', {
      id: 'moves-summary',
      text: `${plural(c.moved, 'service')} moved · cut ${c.crossing} here, ${c.otherCrossing} in ${c.file}`,
    });
    summary.dataset.count = String(c.moved);
    controls.appendChild(el('label', {}, box, document.createTextNode(' '), summary));
  }
  if (dist) {
    const select = el('select', { id: 'colour-by', title: 'colour the services view by' });
    for (const [value, label] of [
      ['target', 'colour by target'],
      ['group', 'colour by group'],
    ]) {
      const option = el('option', { text: label });
      option.value = value;
      select.appendChild(option);
    }
    select.value = state.colourBy;
    select.addEventListener('change', () => {
      state.colourBy = select.value as 'target' | 'group';
      const g = graphs.get('services');
      g?.forEachNode((key, a) => g.setNodeAttribute(key, 'color', serviceColour(a.ref)));
      renderLegend();
    });
    controls.appendChild(select);
  }
  for (const [id, text, title, action] of [
    ['zoom-in', '+', 'zoom in (+)', () => zoom(1.5)],
    ['zoom-out', '−', 'zoom out (−)', () => zoom(1 / 1.5)],
    [
      'zoom-reset',
      '⟲',
      'show everything (0)',
      () => void sigma?.getCamera().animatedReset({ duration: 250 }),
    ],
  ] as const) {
    const b = el('button', { text, id, title, className: 'zoom' });
    b.addEventListener('click', action);
    byId('zoom').appendChild(b);
  }
}

function setupKeys(): void {
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    // Keys typed into the search box (or a select) are theirs; a checkbox or button keeps the shortcuts.
    const typing =
      target instanceof HTMLInputElement
        ? !['checkbox', 'radio', 'button'].includes(target.type)
        : target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (typing) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = event.shiftKey ? 5 : 1;
    const actions: Record<string, () => void> = {
      '+': () => zoom(1.5),
      '=': () => zoom(1.5),
      '-': () => zoom(1 / 1.5),
      _: () => zoom(1 / 1.5),
      '0': () => void sigma?.getCamera().animatedReset({ duration: 250 }),
      ArrowLeft: () => pan(-step, 0),
      ArrowRight: () => pan(step, 0),
      ArrowUp: () => pan(0, step),
      ArrowDown: () => pan(0, -step),
      '1': () => setView('services'),
      '2': () => setView('infrastructure'),
      '3': () => setView('distribution'),
      '/': () => byId('search').focus(),
      Escape: () => select(null),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}

// ---------- start ----------

function start(): void {
  setupHeader();
  setupSearch();
  setupKeys();
  setView(state.view);
  renderPanel();
  const container = byId('graph');
  const root = document.documentElement;
  if (!webglAvailable()) {
    root.dataset.webgl = 'false';
    container.appendChild(
      el('div', {
        id: 'no-webgl',
        text: 'This browser has WebGL turned off or lacks it, so the graph cannot be drawn. Search, the panels and the load bars still work; enable WebGL (or use another browser) to see the graph.',
      }),
    );
    ready();
  } else {
    root.dataset.webgl = 'true';
    startSigma(container, ready);
    performance.mark('dyplan:sigma');
  }
}

/** Marks the page as drawn (what the browser test waits for, with the time it took). */
function ready(): void {
  const root = document.documentElement;
  root.dataset.readyMs = performance.now().toFixed(0);
  root.dataset.ready = 'true';
}

start();
