import { bitAt } from './prefix-key';
import type { PrefixKey } from './prefix-key';

/** One stored prefix (canonical text) and its value. */
export interface PrefixEntry<T> {
  readonly prefix: string;
  readonly value: T;
}

// Node layout in the pool, in 32-bit slots: id 0 is "no node", so a zeroed slot is an empty link.
const NIL = 0;
const LENGTH = 0;
const LEFT = 1;
const RIGHT = 2;
const PARENT = 3;
const HAS_ENTRY = 4;
const WORDS = 5;
const IPV4_STRIDE = WORDS + 1;

/**
 * A path-compressed binary (PATRICIA) trie of the prefixes of one address family.
 *
 * Written here because ip-num parses and compares prefixes but has no longest-prefix-match
 * structure, and no maintained npm package fits core: `longest-prefix-match` is untyped JS over
 * binary strings (≈0.05 ms per lookup) and `cidr-matcher` only answers yes/no without values.
 *
 * The shape follows the MRT/pytricia `patricia.c` trie: every node is a stored prefix or a
 * branching node with two children, so there are fewer than 2n nodes. Look-ups are bound by
 * memory latency, one node per step, so nodes live in one `Int32Array` (6 slots for IPv4, 9 for
 * IPv6) rather than as objects whose numeric fields V8 would box; entries sit in a side array
 * read once per look-up. Keys must have their host bits cleared.
 */
export class PrefixTrie<T> {
  private readonly stride: number;
  private pool: Int32Array;
  private readonly entryOf: (PrefixEntry<T> | undefined)[] = [undefined];
  private readonly freeIds: number[] = [];
  private nextId = 1;
  private root = NIL;
  private count = 0;

  constructor(family: 4 | 6) {
    this.stride = WORDS + (family === 4 ? 1 : 4);
    this.pool = new Int32Array(this.stride * 256);
  }

  /** Number of stored prefixes. */
  get size(): number {
    return this.count;
  }

  /** The most specific stored prefix containing `key` (an address is a /32 or /128 key). */
  lookup(key: PrefixKey): PrefixEntry<T> | undefined {
    const best =
      this.stride === IPV4_STRIDE
        ? bestMatchV4(this.pool, this.root, key.words[0]! | 0, key.length)
        : bestMatch(this.pool, this.stride, this.root, key.words, key.length);
    return best === NIL ? undefined : this.entryOf[best];
  }

  /** The entry stored for exactly this prefix. */
  exact(key: PrefixKey): PrefixEntry<T> | undefined {
    const node = this.find(key);
    return node === NIL ? undefined : this.entryOf[node];
  }

  /** Stores `value` under `key`, replacing the value of an equal prefix. */
  insert(key: PrefixKey, prefix: string, value: T): void {
    const entry: PrefixEntry<T> = { prefix, value };
    const length = key.length;
    const words = key.words;
    if (this.root === NIL) {
      this.root = this.alloc(length, words, entry, NIL);
      this.count++;
      return;
    }
    let node = this.root;
    while (this.lengthOf(node) < length) {
      const next = this.child(node, bitAt(words, this.lengthOf(node)));
      if (next === NIL) break;
      node = next;
    }
    const differ = this.firstDifferingBit(node, words, Math.min(this.lengthOf(node), length));
    for (let up = this.parentOf(node); up !== NIL && this.lengthOf(up) >= differ; up = this.parentOf(node)) {
      node = up;
    }

    if (differ === length && this.lengthOf(node) === length) {
      if (this.entryOf[node] === undefined) this.count++;
      this.setEntry(node, entry);
      return;
    }
    this.count++;
    const parent = this.parentOf(node);
    if (this.lengthOf(node) === differ) {
      // `node` is a proper prefix of the key and has a free slot on the key's side.
      this.setChild(node, bitAt(words, differ), this.alloc(length, words, entry, node));
    } else if (differ === length) {
      // The key is a proper prefix of `node`: it goes between `node` and its parent.
      const added = this.alloc(length, words, entry, parent);
      this.setChild(added, this.bitOf(node, length), node);
      this.replaceChild(parent, node, added);
    } else {
      // The key and `node` part ways at bit `differ`: branch there.
      const glue = this.alloc(differ, words, undefined, parent);
      const side = bitAt(words, differ);
      this.setChild(glue, side, this.alloc(length, words, entry, glue));
      this.setChild(glue, 1 - side, node);
      this.replaceChild(parent, node, glue);
    }
  }

  /** Removes `key`; whether it was stored. */
  delete(key: PrefixKey): boolean {
    const node = this.find(key);
    if (node === NIL) return false;
    this.count--;
    const left = this.child(node, 0);
    const right = this.child(node, 1);
    if (left !== NIL && right !== NIL) {
      this.setEntry(node, undefined);
      return true;
    }
    const parent = this.parentOf(node);
    const only = left !== NIL ? left : right;
    this.release(node);
    if (only !== NIL) {
      this.replaceChild(parent, node, only);
      return true;
    }
    if (parent === NIL) {
      this.root = NIL;
      return true;
    }
    // A leaf went: its parent, if only a branching node, now has one child and goes too.
    const side = this.child(parent, 0) === node ? 0 : 1;
    this.setChild(parent, side, NIL);
    const sibling = this.child(parent, 1 - side);
    if (this.entryOf[parent] === undefined && sibling !== NIL) {
      this.replaceChild(this.parentOf(parent), parent, sibling);
      this.release(parent);
    }
    return true;
  }

  /** Stored entries in address order, shorter prefixes first; a snapshot, safe to mutate during. */
  entries(): PrefixEntry<T>[] {
    const out: PrefixEntry<T>[] = [];
    const stack = this.root === NIL ? [] : [this.root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      const entry = this.entryOf[node];
      if (entry !== undefined) out.push(entry);
      const right = this.child(node, 1);
      const left = this.child(node, 0);
      if (right !== NIL) stack.push(right);
      if (left !== NIL) stack.push(left);
    }
    return out;
  }

  /** The node holding exactly `key` with an entry, or NIL. */
  private find(key: PrefixKey): number {
    const length = key.length;
    let node = this.root;
    while (node !== NIL && this.lengthOf(node) < length) {
      node = this.child(node, bitAt(key.words, this.lengthOf(node)));
    }
    return node !== NIL &&
      this.lengthOf(node) === length &&
      this.entryOf[node] !== undefined &&
      matches(this.pool, node * this.stride + WORDS, key.words, length)
      ? node
      : NIL;
  }

  private alloc(
    length: number,
    words: ReadonlyArray<number>,
    entry: PrefixEntry<T> | undefined,
    parent: number,
  ): number {
    const id = this.freeIds.pop() ?? this.nextId++;
    if ((id + 1) * this.stride > this.pool.length) {
      const grown = new Int32Array(this.pool.length * 2);
      grown.set(this.pool);
      this.pool = grown;
    }
    const at = id * this.stride;
    this.pool.fill(0, at, at + this.stride);
    this.pool[at + LENGTH] = length;
    this.pool[at + PARENT] = parent;
    for (let w = 0; w < this.stride - WORDS; w++) this.pool[at + WORDS + w] = words[w]!;
    this.entryOf[id] = undefined;
    this.setEntry(id, entry);
    return id;
  }

  private release(node: number): void {
    this.entryOf[node] = undefined;
    this.freeIds.push(node);
  }

  private setEntry(node: number, entry: PrefixEntry<T> | undefined): void {
    this.entryOf[node] = entry;
    this.pool[node * this.stride + HAS_ENTRY] = entry === undefined ? 0 : 1;
  }

  private lengthOf(node: number): number {
    return this.pool[node * this.stride + LENGTH]!;
  }

  private parentOf(node: number): number {
    return this.pool[node * this.stride + PARENT]!;
  }

  private child(node: number, bit: number): number {
    return this.pool[node * this.stride + (bit === 1 ? RIGHT : LEFT)]!;
  }

  private setChild(node: number, bit: number, to: number): void {
    this.pool[node * this.stride + (bit === 1 ? RIGHT : LEFT)] = to;
    if (to !== NIL) this.pool[to * this.stride + PARENT] = node;
  }

  private replaceChild(parent: number, from: number, to: number): void {
    if (parent === NIL) {
      this.root = to;
      this.pool[to * this.stride + PARENT] = NIL;
    } else {
      this.setChild(parent, this.child(parent, 0) === from ? 0 : 1, to);
    }
  }

  private bitOf(node: number, index: number): number {
    return (this.pool[node * this.stride + WORDS + (index >>> 5)]! >>> (31 - (index & 31))) & 1;
  }

  private firstDifferingBit(node: number, words: ReadonlyArray<number>, limit: number): number {
    const at = node * this.stride + WORDS;
    for (let w = 0; w << 5 < limit; w++) {
      const diff = this.pool[at + w]! ^ words[w]!;
      if (diff !== 0) return Math.min(limit, (w << 5) + Math.clz32(diff));
    }
    return limit;
  }
}

/** The deepest node with an entry whose prefix covers the first `qLength` bits of `q`, or NIL. */
function bestMatch(
  pool: Int32Array,
  stride: number,
  root: number,
  q: ReadonlyArray<number>,
  qLength: number,
): number {
  let best = NIL;
  for (let node = root; node !== NIL; ) {
    const at = node * stride;
    const length = pool[at + LENGTH]!;
    // Descendants only add bits, so the first node that does not match ends the search.
    if (length > qLength || !matches(pool, at + WORDS, q, length)) break;
    if (pool[at + HAS_ENTRY] !== 0) best = node;
    if (length === qLength) break;
    node = pool[at + ((q[length >>> 5]! >>> (31 - (length & 31))) & 1 ? RIGHT : LEFT)]!;
  }
  return best;
}

/** `bestMatch` for IPv4, with the single address word in a register: a third faster. */
function bestMatchV4(pool: Int32Array, root: number, q: number, qLength: number): number {
  let best = NIL;
  for (let node = root; node !== NIL; ) {
    const at = node * IPV4_STRIDE;
    const length = pool[at + LENGTH]!;
    if (length > qLength || (length !== 0 && (pool[at + WORDS]! ^ q) >>> (32 - length) !== 0)) break;
    if (pool[at + HAS_ENTRY] !== 0) best = node;
    if (length === qLength) break;
    node = pool[at + ((q >>> (31 - length)) & 1 ? RIGHT : LEFT)]!;
  }
  return best;
}

/** Whether the first `length` bits of `q` equal the node words starting at `pool[at]`. */
function matches(pool: Int32Array, at: number, q: ReadonlyArray<number>, length: number): boolean {
  let w = 0;
  for (; length >= 32; length -= 32, w++) {
    if ((pool[at + w]! ^ q[w]!) !== 0) return false;
  }
  return length === 0 || (pool[at + w]! ^ q[w]!) >>> (32 - length) === 0;
}
