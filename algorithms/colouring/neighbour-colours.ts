/**
 * The set of colours seen among each node's neighbours, as needed by DSATUR's saturation degree
 * (Brélaz 1979: the number of *distinct* colours adjacent to a node).
 *
 * Colours below 32 live in one 32-bit mask per node (the common case: the whole 10^5-node /
 * 10^6-edge benchmark graph needs fewer than 32 colours); larger colours go to an open-addressing
 * hash set of (node, colour) pairs on typed arrays that grows on demand. Both are O(1) expected
 * per operation, so DSATUR stays O((n + m) log n) with no per-node allocation.
 * Colours are only ever added (the heuristic never uncolours a node).
 */
export class NeighbourColours {
  private readonly low: Int32Array;
  private keysNode: Int32Array;
  private keysColour: Int32Array;
  private mask: number;
  private stored = 0;

  constructor(nodeCount: number) {
    this.low = new Int32Array(nodeCount);
    this.keysNode = new Int32Array(0);
    this.keysColour = new Int32Array(0);
    this.mask = -1;
  }

  has(v: number, c: number): boolean {
    if (c < 32) return (this.low[v] & (1 << c)) !== 0;
    if (this.mask < 0) return false;
    let i = hash(v, c) & this.mask;
    for (;;) {
      const k = this.keysNode[i];
      if (k === 0) return false;
      if (k === v + 1 && this.keysColour[i] === c) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** Adds colour c to v's set; returns true iff it was not there yet. */
  add(v: number, c: number): boolean {
    if (c < 32) {
      const bit = 1 << c;
      const old = this.low[v];
      if ((old & bit) !== 0) return false;
      this.low[v] = old | bit;
      return true;
    }
    if (2 * (this.stored + 1) > this.keysNode.length) this.grow();
    let i = hash(v, c) & this.mask;
    for (;;) {
      const k = this.keysNode[i];
      if (k === 0) break;
      if (k === v + 1 && this.keysColour[i] === c) return false;
      i = (i + 1) & this.mask;
    }
    this.keysNode[i] = v + 1;
    this.keysColour[i] = c;
    this.stored++;
    return true;
  }

  /** Smallest colour >= 0 not in v's set. */
  lowestFree(v: number): number {
    const free = ~this.low[v];
    if (free !== 0) return 31 - Math.clz32(free & -free);
    let c = 32;
    while (this.has(v, c)) c++;
    return c;
  }

  private grow(): void {
    const oldNode = this.keysNode;
    const oldColour = this.keysColour;
    const size = Math.max(1024, oldNode.length * 2);
    this.keysNode = new Int32Array(size);
    this.keysColour = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldNode.length; j++) {
      const k = oldNode[j];
      if (k === 0) continue;
      let i = hash(k - 1, oldColour[j]) & this.mask;
      while (this.keysNode[i] !== 0) i = (i + 1) & this.mask;
      this.keysNode[i] = k;
      this.keysColour[i] = oldColour[j];
    }
  }
}

function hash(v: number, c: number): number {
  let h = Math.imul(v, 0x9e3779b1) ^ Math.imul(c + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
