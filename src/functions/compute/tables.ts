/**
 * What the table-taking functions share: warnings in one line, a column's values, and the tables
 * a call leaves out completed from the ones it gives.
 */
import type { RawRow, Warning } from '../../engine/types';
import { isBlankLike } from '../convert';

/** Where a warning is, as VALIDATE lists it: "Contributions row 2 Gross". */
export function place(w: Warning): string {
  return `${w.table ?? ''}${w.row ? ` row ${w.row}` : ''}${w.column ? ` ${w.column}` : ''}`;
}

/** A warning as one line, its place said once (the engine's messages mostly start with it). */
export function describe(w: Warning): string {
  return !w.table || w.message.startsWith(w.table) ? w.message : `${place(w)}: ${w.message}`;
}

/** The distinct non-blank values of a column of rows, in order of first appearance. */
export function distinct(rows: RawRow[], column: string): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const key = Object.keys(r).find((k) => k.trim().toLowerCase() === column.toLowerCase());
    const v = key ? r[key] : null;
    if (isBlankLike(v)) continue;
    const s = String(v).trim();
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

export function column(rows: RawRow[], name: string): string | undefined {
  for (const r of rows) {
    const k = Object.keys(r).find((h) => h.trim().toLowerCase() === name.toLowerCase());
    if (k) return k;
  }
  return undefined;
}

/**
 * Fills in the required tables a function was not given, from the rows it was given: Partners
 * from the Partner column (in order of first appearance), Pools from the Pool column (pooled,
 * hosted by the first partner, shared by the method of its RiskShare rows: `fixed` when they carry
 * percentages, `banded` when they carry From/To bands, otherwise `proportional`), Lines from
 * the Pool and Line columns. So the engine's checks of the given rows can run.
 */
export function completeTables(tables: Record<string, RawRow[]>, from: string): void {
  const rows = tables[from] ?? [];
  const partners = distinct(rows, 'Partner');
  if (!tables.Partners) tables.Partners = partners.map((p) => ({ Partner: p }));
  if (!tables.Pools) {
    const rs = tables.RiskShare ?? [];
    const poolKey = column(rs, 'Pool');
    const has = (r: RawRow, c: string) => { const k = column([r], c); return k !== undefined && !isBlankLike(r[k]); };
    tables.Pools = distinct(rows, 'Pool').map((p) => {
      const own = rs.filter((r) => poolKey && String(r[poolKey] ?? '').trim() === p);
      const banded = own.some((r) => has(r, 'From') || has(r, 'To'));
      const fixed = own.some((r) => has(r, 'Percent'));
      const method = banded ? 'banded' : fixed ? 'fixed' : 'proportional';
      return { Pool: p, Kind: 'pooled', Host: partners[0] ?? null, Method: method };
    });
  }
  if (!tables.Lines) {
    const poolKey = column(rows, 'Pool');
    const lineKey = column(rows, 'Line');
    const seen = new Set<string>();
    tables.Lines = [];
    for (const r of rows) {
      if (!poolKey || !lineKey || isBlankLike(r[poolKey]) || isBlankLike(r[lineKey])) continue;
      const k = `${r[poolKey]}\u0000${r[lineKey]}`;
      if (seen.has(k)) continue;
      seen.add(k);
      tables.Lines.push({ Pool: r[poolKey], Line: r[lineKey] });
    }
  }
  if (!tables.Contributions) tables.Contributions = [];
}

export const RISKSHARE_HEADER = ['Partner', 'Net', 'Share', 'Savings charge', 'Risk share', 'Final cost'];

/** The rows of one pool, others blank (one shared all-null row, skipped by the engine: row numbers stay). */
export function onlyPool(rows: RawRow[], pool: string): RawRow[] {
  const key = column(rows, 'Pool');
  if (!key || rows.length === 0) return rows;
  const want = pool.trim().toLowerCase();
  const blank: RawRow = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, null]));
  return rows.map((r) => {
    const v = r[key];
    return v !== null && v !== undefined && String(v).trim().toLowerCase() === want ? r : blank;
  });
}
