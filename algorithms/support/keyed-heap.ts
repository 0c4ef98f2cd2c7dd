/**
 * Indexed binary max-heap over the integers 0..capacity-1 keyed by an external Float64Array, ties
 * by smaller rank (Williams 1964; position index as in Cormen et al., "Introduction to
 * Algorithms", §6.5). The comparison is inlined rather than passed as a closure, which keeps
 * DSATUR's ~2 * 10^6 priority updates on a 10^6-edge graph fast. After changing `key[x]`, call
 * {@link KeyedMaxHeap.moveUp} (key increased) or {@link KeyedMaxHeap.moveDown} (decreased); the
 * method names are those of `IndexedHeap` (indexed-heap.ts).
 */
export class KeyedMaxHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private count = 0;

  constructor(
    private readonly key: Float64Array,
    private readonly rank: Int32Array,
  ) {
    const n = key.length;
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Replaces the content by the elements of `items`, in O(n) (Floyd's heap construction). */
  buildFrom(items: ArrayLike<number>): void {
    for (let i = 0; i < this.count; i++) this.pos[this.heap[i]] = -1;
    const n = items.length;
    this.count = n;
    for (let i = 0; i < n; i++) {
      this.heap[i] = items[i];
      this.pos[items[i]] = i;
    }
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Removes and returns the maximum; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.heap[0];
    this.pos[top] = -1;
    const last = this.heap[--this.count];
    if (this.count > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Call after key[x] increased. */
  moveUp(x: number): void {
    this.siftUp(this.pos[x]);
  }

  /** Call after key[x] decreased. */
  moveDown(x: number): void {
    this.siftDown(this.pos[x]);
  }

  private siftUp(i: number): void {
    const { heap, pos, key, rank } = this;
    const x = heap[i];
    const kx = key[x];
    const rx = rank[x];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      const kp = key[p];
      if (!(kx > kp || (kx === kp && rx < rank[p]))) break;
      heap[i] = p;
      pos[p] = i;
      i = parent;
    }
    heap[i] = x;
    pos[x] = i;
  }

  private siftDown(i: number): void {
    const { heap, pos, key, rank } = this;
    const n = this.count;
    const x = heap[i];
    const kx = key[x];
    const rx = rank[x];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let c = heap[child];
      if (child + 1 < n) {
        const d = heap[child + 1];
        if (key[d] > key[c] || (key[d] === key[c] && rank[d] < rank[c])) {
          child++;
          c = d;
        }
      }
      if (!(key[c] > kx || (key[c] === kx && rank[c] < rx))) break;
      heap[i] = c;
      pos[c] = i;
      i = child;
    }
    heap[i] = x;
    pos[x] = i;
  }
}
