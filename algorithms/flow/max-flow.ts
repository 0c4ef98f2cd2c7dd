/**
 * s-t maximum flow / minimum cut on a compact, reusable flow network.
 *
 * Algorithm: Dinic, "Algorithm for solution of a problem of maximum flow in a network with power
 * estimation" (Soviet Math. Doklady 11, 1970): BFS level graph + blocking flow by iterative DFS with
 * current-arc pointers. Written iteratively so that long paths (chains of 10^5 nodes) cannot
 * overflow the call stack.
 *
 * Storage is a forward-star adjacency on typed arrays (arc 2e is edge e forward, 2e+1 its reverse),
 * so one network can be {@link FlowNetwork.reset | reset} and rebuilt many times without
 * reallocating — alpha-expansion builds thousands of small networks in a row.
 */

/** Result of {@link FlowNetwork.maxFlow}. */
export interface MaxFlowResult {
  /** Value of the maximum flow (= capacity of the minimum cut). */
  flow: number;
  /**
   * `sourceSide[v] === 1` iff v is reachable from the source in the residual network: the source
   * side of the minimum cut that is closest to the source (smallest source side).
   */
  sourceSide: Uint8Array;
}

export class FlowNetwork {
  /** Number of nodes currently in the network. */
  nodeCount = 0;
  /** Number of edges added since the last reset (each edge = 2 arcs). */
  edgeCount = 0;

  private head: Int32Array;
  private next: Int32Array;
  private to: Int32Array;
  /** Residual capacity per arc. Float64 so that capacities may exceed 2^31 (heavy links). */
  private cap: Float64Array;
  private level: Int32Array;
  private current: Int32Array;
  private queue: Int32Array;
  private pathArcs: Int32Array;
  private side: Uint8Array;

  constructor(nodeCapacity = 16, edgeCapacity = 16) {
    nodeCapacity = Math.max(2, nodeCapacity);
    edgeCapacity = Math.max(1, edgeCapacity);
    this.head = new Int32Array(nodeCapacity);
    this.level = new Int32Array(nodeCapacity);
    this.current = new Int32Array(nodeCapacity);
    this.queue = new Int32Array(nodeCapacity);
    this.pathArcs = new Int32Array(nodeCapacity);
    this.side = new Uint8Array(nodeCapacity);
    this.next = new Int32Array(2 * edgeCapacity);
    this.to = new Int32Array(2 * edgeCapacity);
    this.cap = new Float64Array(2 * edgeCapacity);
  }

  /** Empties the network and gives it `nodeCount` isolated nodes `0..nodeCount-1`; keeps buffers. */
  reset(nodeCount: number): void {
    if (!Number.isInteger(nodeCount) || nodeCount < 0)
      throw new RangeError(`invalid node count ${nodeCount}`);
    this.ensureNodes(nodeCount);
    this.nodeCount = nodeCount;
    this.edgeCount = 0;
    this.head.fill(-1, 0, nodeCount);
  }

  /** Appends one isolated node and returns its index. */
  addNode(): number {
    const v = this.nodeCount;
    this.ensureNodes(v + 1);
    this.head[v] = -1;
    this.nodeCount = v + 1;
    return v;
  }

  /**
   * Adds an edge u→v with capacity `capForward` and v→u with `capBackward` (an undirected edge of
   * weight w is `addEdge(u, v, w, w)`). Capacities must be non-negative; Infinity is allowed as
   * long as no source-sink path is made only of infinite arcs. Returns the edge index.
   */
  addEdge(u: number, v: number, capForward: number, capBackward = 0): number {
    const n = this.nodeCount;
    if (!(u >= 0 && u < n && v >= 0 && v < n)) throw new RangeError(`edge ${u}-${v} outside 0..${n - 1}`);
    if (!(capForward >= 0 && capBackward >= 0))
      throw new RangeError(`negative or NaN capacity on edge ${u}-${v}`);
    const e = this.edgeCount;
    const a = 2 * e;
    if (a + 2 > this.to.length) this.growArcs(a + 2);
    this.to[a] = v;
    this.cap[a] = capForward;
    this.next[a] = this.head[u];
    this.head[u] = a;
    this.to[a + 1] = u;
    this.cap[a + 1] = capBackward;
    this.next[a + 1] = this.head[v];
    this.head[v] = a + 1;
    this.edgeCount = e + 1;
    return e;
  }

  /** Residual capacity left on the forward arc of edge `e` (after {@link maxFlow}). */
  residual(e: number): number {
    return this.cap[2 * e];
  }

  /**
   * Computes a maximum flow from `source` to `sink`, consuming the capacities (the network is left
   * in its residual state; call {@link reset} before reuse). The returned `sourceSide` buffer is
   * owned by the network and overwritten by the next call.
   */
  maxFlow(source: number, sink: number): MaxFlowResult {
    const n = this.nodeCount;
    if (!(source >= 0 && source < n && sink >= 0 && sink < n) || source === sink) {
      throw new RangeError(`invalid terminals ${source}, ${sink}`);
    }
    const { head, next, to, cap, level, current, pathArcs } = this;
    let flow = 0;
    while (this.buildLevels(source, sink)) {
      for (let v = 0; v < n; v++) current[v] = head[v];
      // Iterative DFS of the blocking-flow phase; pathArcs[0..depth) is the current s→u path.
      let depth = 0;
      let u = source;
      for (;;) {
        if (u === sink) {
          let bottleneck = Infinity;
          for (let i = 0; i < depth; i++) {
            const c = cap[pathArcs[i]];
            if (c < bottleneck) bottleneck = c;
          }
          if (bottleneck === Infinity) throw new RangeError('infinite-capacity source-sink path');
          flow += bottleneck;
          let cutAt = -1;
          for (let i = 0; i < depth; i++) {
            const a = pathArcs[i];
            cap[a] -= bottleneck;
            cap[a ^ 1] += bottleneck;
            if (cutAt < 0 && cap[a] === 0) cutAt = i;
          }
          // Resume from the tail of the first saturated arc.
          depth = cutAt;
          u = depth === 0 ? source : to[pathArcs[depth - 1]];
          continue;
        }
        const nextLevel = level[u] + 1;
        let a = current[u];
        while (a !== -1 && !(cap[a] > 0 && level[to[a]] === nextLevel)) a = next[a];
        current[u] = a;
        if (a !== -1) {
          pathArcs[depth++] = a;
          u = to[a];
          continue;
        }
        // Dead end: remove u from the level graph and retreat.
        level[u] = -1;
        if (depth === 0) break;
        depth--;
        u = to[pathArcs[depth] ^ 1];
        current[u] = next[current[u]];
      }
    }
    return { flow, sourceSide: this.markSourceSide(source) };
  }

  /** BFS from the source over arcs with residual capacity; true iff the sink is reached. */
  private buildLevels(source: number, sink: number): boolean {
    const { head, next, to, cap, level, queue } = this;
    level.fill(-1, 0, this.nodeCount);
    level[source] = 0;
    queue[0] = source;
    let qh = 0;
    let qt = 1;
    while (qh < qt) {
      const u = queue[qh++];
      const lu = level[u] + 1;
      for (let a = head[u]; a !== -1; a = next[a]) {
        const v = to[a];
        if (level[v] < 0 && cap[a] > 0) {
          level[v] = lu;
          if (v === sink) return true;
          queue[qt++] = v;
        }
      }
    }
    return false;
  }

  private markSourceSide(source: number): Uint8Array {
    const { head, next, to, cap, queue, side } = this;
    const n = this.nodeCount;
    side.fill(0, 0, n);
    side[source] = 1;
    queue[0] = source;
    let qh = 0;
    let qt = 1;
    while (qh < qt) {
      const u = queue[qh++];
      for (let a = head[u]; a !== -1; a = next[a]) {
        const v = to[a];
        if (side[v] === 0 && cap[a] > 0) {
          side[v] = 1;
          queue[qt++] = v;
        }
      }
    }
    return side.subarray(0, n);
  }

  private ensureNodes(count: number): void {
    if (count <= this.head.length) return;
    const size = Math.max(count, 2 * this.head.length);
    const head = new Int32Array(size);
    head.set(this.head.subarray(0, this.nodeCount));
    this.head = head;
    this.level = new Int32Array(size);
    this.current = new Int32Array(size);
    this.queue = new Int32Array(size);
    this.pathArcs = new Int32Array(size);
    this.side = new Uint8Array(size);
  }

  private growArcs(count: number): void {
    const size = Math.max(count, 2 * this.to.length);
    const next = new Int32Array(size);
    next.set(this.next);
    const to = new Int32Array(size);
    to.set(this.to);
    const cap = new Float64Array(size);
    cap.set(this.cap);
    this.next = next;
    this.to = to;
    this.cap = cap;
  }
}

/**
 * One-shot convenience: maximum flow on `nodeCount` nodes given as `[u, v, capForward, capBackward?]`
 * edges. Prefer {@link FlowNetwork} when solving many networks in a row.
 */
export function maxFlow(
  nodeCount: number,
  edges: ReadonlyArray<readonly [number, number, number, number?]>,
  source: number,
  sink: number,
): MaxFlowResult {
  const network = new FlowNetwork(nodeCount, edges.length);
  network.reset(nodeCount);
  for (const [u, v, c, r] of edges) network.addEdge(u, v, c, r ?? 0);
  const result = network.maxFlow(source, sink);
  return { flow: result.flow, sourceSide: Uint8Array.from(result.sourceSide) };
}
