/**
 * Reuse of work between calls with identical arguments (Excel recalculates every POOL formula
 * over a table when any cell of it changes, and a workbook often has many formulas over the same
 * tables). Keyed by the arguments' content, never by reference, so a changed cell is a new key.
 * Results are bounded by entries and by total size (the keys' length plus 32 per result cell),
 * least recently used first out; a large range in a key is a short id (`rangeId`), the ranges
 * themselves bounded apart. Results are copied out, so a caller that changes one cannot change
 * the cache. A hit costs one comparison per cell of the arguments: 0.2 ms per 10,000 cells.
 */
import { InputProblem } from './convert';

type Entry = { ok: unknown[][] } | { problem: string };

export class ContentCache {
  private readonly map = new Map<string, Entry>();
  private chars = 0;

  constructor(readonly maxEntries: number, readonly maxChars: number) {}

  get size(): number {
    return this.map.size;
  }

  /** What an entry counts against the size bound. */
  static weight(key: string, e: Entry): number {
    return key.length + ('ok' in e ? e.ok.reduce((n, r) => n + r.length, 0) * 32 : e.problem.length);
  }

  get(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (e !== undefined) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }

  set(key: string, e: Entry): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.chars -= ContentCache.weight(key, old);
    }
    if (ContentCache.weight(key, e) > this.maxChars) return;
    this.map.set(key, e);
    this.chars += ContentCache.weight(key, e);
    for (const [k, v] of this.map) {
      if (this.map.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.map.delete(k);
      this.chars -= ContentCache.weight(k, v);
    }
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}

/**
 * The arguments' content as one short string: equal strings mean equal inputs. A small argument is
 * its JSON; a large range is the id of the range it equals cell for cell (`rangeId`), so a call
 * over the same cells as an earlier one costs one comparison per cell, not writing the range out
 * and hashing it again.
 */
export function contentKey(name: string, args: unknown[]): string {
  return `[${JSON.stringify(name)}${args.map((a) => `,${argKey(a)}`).join('')}]`;
}

/**
 * Copies of the last large ranges seen (at most 8, and about 16 million characters of their
 * JSON), each with an id that is never given twice: comparing a range cell by cell with one seen
 * is far cheaper than writing it out, and a key that holds the id instead of the cells is short.
 * An id stands for exactly the cells of its copy (the copy is never changed), so two ranges with
 * one id are equal; a range seen again after its copy was dropped gets a new id (a cache miss,
 * never a wrong hit).
 */
const seen: { grid: unknown[]; id: number; chars: number }[] = [];
let nextId = 1;

/** Forgets the ranges seen (with the caches, for tests and the benchmark). */
export function forgetRanges(): void {
  seen.length = 0;
}

function sameCell(x: unknown, y: unknown): boolean {
  if (x === y || (x == null && y == null)) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

function sameGrid(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Array.isArray(x) && Array.isArray(y)) {
      const n = x.length;
      if (n !== y.length) return false;
      // The cells of a hit are all equal as values (numbers, text): one === each, sameCell only past that.
      for (let j = 0; j < n; j++) {
        const p = x[j];
        const q = y[j];
        if (p !== q && !sameCell(p, q)) return false;
      }
    } else if (Array.isArray(x) || Array.isArray(y) || !sameCell(x, y)) return false;
  }
  return true;
}

/** A large range's id: that of the range seen lately that it equals cell for cell, else a new one. */
function rangeId(v: unknown[]): number {
  const at = seen.findIndex((s) => sameGrid(s.grid, v));
  if (at >= 0) {
    const [hit] = seen.splice(at, 1);
    seen.unshift(hit);
    return hit.id;
  }
  const id = nextId++;
  const grid = v.map((r: unknown) => (Array.isArray(r) ? r.slice() : r));
  seen.unshift({ grid, id, chars: JSON.stringify(v).length });
  let chars = 0;
  const keep = seen.findIndex((e, i) => (chars += e.chars) > 16_000_000 || i >= 8);
  if (keep > 0) seen.length = keep;
  return id;
}

/** One argument's part of a key: its JSON, or `#id` for a large range (JSON never starts with #). */
function argKey(v: unknown): string {
  if (!Array.isArray(v) || v.length < 64) return JSON.stringify(v ?? null);
  return `#${rangeId(v)}`;
}

/**
 * 64 results, or about 16 million characters of keys and results (32 a result cell); the ranges
 * themselves are bounded by `seen` (a 10,000-row Contributions range is about 0.6 million).
 */
export const results = new ContentCache(64, 16_000_000);

/** `compute()`'s table (or its InputProblem) for this content key, from the cache when seen. */
export function memo(key: string, compute: () => unknown[][]): unknown[][] {
  let e = results.get(key);
  if (!e) {
    try {
      e = { ok: compute() };
    } catch (x) {
      if (!(x instanceof InputProblem)) throw x;
      e = { problem: x.message };
    }
    results.set(key, e);
  }
  if ('problem' in e) throw new InputProblem(e.problem);
  return e.ok.map((r) => r.slice());
}

/** The last few values made from one content key (e.g. parsed tables shared by calls for different pools). */
export class Recent<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly max: number) {}

  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    } else this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  clear(): void {
    this.map.clear();
  }
}

