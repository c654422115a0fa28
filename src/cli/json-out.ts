/**
 * A result printed as JSON (`--json`), written in pieces: the text is JSON.stringify(value, null, 2)'s,
 * character for character, with jsonSafe's escapes, but never built whole. JSON.stringify makes its text
 * in parts that must be copied into one before it can be written: at 100k rows, 15 million characters of
 * two-byte text (30 MB), copied once more to be scanned for jsonSafe and once more to be written.
 * Here the outer objects are walked, and their arrays (the pools, the schedules, the warnings, the
 * payments) are written 512 items at a time, each batch JSON.stringify's own text indented to its
 * place: a batch goes out as it is, the small pieces between gathered to about a million characters.
 */
import type { Io } from './args';
import { jsonSafe } from './summary';

/** The level (the top is 0) down to which arrays are written here; objects are walked above it. */
const WALKED = 2;
/** How many items of an array JSON.stringify writes at a time. */
const BATCH = 512;
/** About how many characters are written at a time. */
const PIECE = 1 << 20;

/** An array or an object JSON.stringify would write member by member (no toJSON, no boxed primitive). */
function walkable(v: unknown): v is Record<string, unknown> | unknown[] {
  if (v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Writes JSON.stringify(value, null, 2) with jsonSafe's escapes, then a newline, in pieces. */
export function printJson(io: Io, value: unknown): void {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) io.out(jsonSafe(parts.join('')));
    parts = [];
    size = 0;
  };
  const emit = (s: string) => {
    if (s.length >= PIECE >> 2) {
      // A batch of items: written as it is, not copied into a piece.
      flush();
      io.out(jsonSafe(s));
      return;
    }
    parts.push(s);
    size += s.length;
    if (size >= PIECE) flush();
  };
  /** JSON.stringify's text of a value it writes whole, its lines indented to `indent`; undefined as it gives. */
  const whole = (v: unknown, indent: string): string | undefined => {
    const text = JSON.stringify(v, null, 2) as string | undefined;
    return text === undefined || indent === '' || !text.includes('\n') ? text : text.replace(/\n/g, `\n${indent}`);
  };
  /** Writes `v` (which JSON.stringify writes as something) starting where its first character goes. */
  const put = (v: unknown, indent: string, level: number) => {
    // Objects are walked above level WALKED, arrays down to it (netting's payments are at level 2).
    if (!walkable(v) || level > WALKED || (level === WALKED && !Array.isArray(v))) {
      emit(whole(v, indent)!);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        emit('[]');
        return;
      }
      // Items a batch at a time, each batch JSON.stringify's array ("[\n  a,\n  b\n]") less its brackets,
      // its lines moved to this array's indent; an undefined, a function or a symbol in it is null, as ever.
      emit('[\n');
      for (let i = 0; i < v.length; i += BATCH) {
        const text = JSON.stringify(v.slice(i, i + BATCH), null, 2);
        const items = text.slice(2, -2);
        if (i > 0) emit(',\n');
        emit(indent === '' ? items : indent + items.replace(/\n/g, `\n${indent}`));
      }
      emit(`\n${indent}]`);
      return;
    }
    const inner = `${indent}  `;
    let first = true;
    for (const key of Object.keys(v)) {
      const item = v[key];
      const walk = walkable(item);
      const text = walk ? undefined : whole(item, inner);
      if (!walk && text === undefined) continue; // undefined, a function or a symbol: left out
      emit(first ? `{\n${inner}` : `,\n${inner}`);
      first = false;
      emit(`${JSON.stringify(key)}: `);
      if (walk) put(item, inner, level + 1);
      else emit(text!);
    }
    emit(first ? '{}' : `\n${indent}}`);
  };
  if (walkable(value)) put(value, '', 0);
  else {
    const text = whole(value, '');
    if (text !== undefined) emit(text);
  }
  flush();
  io.out('\n');
}
