/**
 * Indexed binary heap over the integers 0..capacity-1 (Williams 1964, with a position index as in
 * Cormen et al., "Introduction to Algorithms", §6.5 priority queues).
 *
 * The priority lives outside the heap (typed arrays owned by the caller) and is read through the
 * `before(a, b)` comparator; after changing an element's priority the caller calls
 * {@link IndexedHeap.moveUp} (priority increased) or {@link IndexedHeap.moveDown} (decreased), each
 * O(log n). This is what DSATUR needs: a node's priority changes once per incident edge.
 */
export class IndexedHeap {
  private readonly heap: Int32Array;
  /** pos[x] = index of x in `heap`, or -1 when x is not in the heap. */
  private readonly pos: Int32Array;
  private count = 0;

  constructor(
    capacity: number,
    /** True iff a must come out before b. Must be a strict total order for determinism. */
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(x: number): boolean {
    return this.pos[x] >= 0;
  }

  /** Inserts every element of `items` at once in O(n) (Floyd's heap construction). */
  buildFrom(items: ArrayLike<number>): void {
    for (let i = 0; i < this.count; i++) this.pos[this.heap[i]] = -1;
    this.count = items.length;
    for (let i = 0; i < this.count; i++) {
      this.heap[i] = items[i];
      this.pos[items[i]] = i;
    }
    for (let i = (this.count >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  push(x: number): void {
    const i = this.count++;
    this.heap[i] = x;
    this.pos[x] = i;
    this.siftUp(i);
  }

  /** Removes and returns the first element; -1 when empty. */
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

  /** Call after x's priority increased (x must come out earlier than before). */
  moveUp(x: number): void {
    this.siftUp(this.pos[x]);
  }

  /** Call after x's priority decreased. */
  moveDown(x: number): void {
    this.siftDown(this.pos[x]);
  }

  /** Call after x's priority changed in an unknown direction. */
  update(x: number): void {
    const i = this.pos[x];
    this.siftUp(i);
    if (this.pos[x] === i) this.siftDown(i);
  }

  /** Removes x (no-op when absent). */
  remove(x: number): void {
    const i = this.pos[x];
    if (i < 0) return;
    this.pos[x] = -1;
    const last = this.heap[--this.count];
    if (i === this.count) return;
    this.heap[i] = last;
    this.pos[last] = i;
    this.siftUp(i);
    if (this.pos[last] === i) this.siftDown(i);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const x = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.before(x, p)) break;
      heap[i] = p;
      this.pos[p] = i;
      i = parent;
    }
    heap[i] = x;
    this.pos[x] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.count;
    const x = heap[i];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(heap[child + 1], heap[child])) child++;
      const c = heap[child];
      if (!this.before(c, x)) break;
      heap[i] = c;
      this.pos[c] = i;
      i = child;
    }
    heap[i] = x;
    this.pos[x] = i;
  }
}
