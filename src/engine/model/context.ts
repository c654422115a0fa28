/**
 * What every table's module shares while the model is built: the tables, the warnings, the known
 * partners, pools and lines, and the cross-reference checks (UNKNOWN_PARTNER, UNKNOWN_POOL,
 * UNKNOWN_LINE) with their "did you mean".
 */
import { show } from '../numbers';
import { Row, Table, TableName, text } from '../tables';
import { Suggest, Warnings, Where, place } from '../warnings';
import type { PoolModel } from './types';

export interface Ctx {
  T: Record<TableName, Table>;
  w: Warnings;
  /** The partners' codes. */
  known: Set<string>;
  pools: PoolModel[];
  byName: Map<string, PoolModel>;
  lineNames: Map<PoolModel, Set<string>>;
  /** "Did you mean", worked out once per scope and distinct name, within the run's budget (warnings.ts). */
  hint: Suggest;
}

/** " Did you mean X?" for an unknown name (issue 10: bounded, once per distinct name). */
export function suggest(ctx: Ctx, scope: string, name: string, known: () => Iterable<string>): string {
  return ctx.hint(scope, name, known);
}

/** The place of a table cell, for a warning. */
export function at(t: Table, row: number | undefined, column: string, pool?: string): Where {
  return { table: t.name, row, column, typedColumn: t.typed[column], pool };
}

/** Checks a reference to a partner; returns the code or null (with UNKNOWN_PARTNER). */
export function partnerRef(ctx: Ctx, code: string, t: Table, row: Row, header: string, pool?: string): string | null {
  if (ctx.known.has(code)) return code;
  if (!ctx.T.Partners.usable) return null; // one MISSING_TABLE or MISSING_COLUMN says it all
  const where = at(t, row.row, header, pool);
  ctx.w.add('UNKNOWN_PARTNER', `${place(where)}: partner ${show(code)} is not in the Partners table.`
    + `${suggest(ctx, 'partner', code, () => ctx.known)} Correct the code or add the partner.`, where);
  return null;
}

/** The row's `Partner`, checked: null when blank or unknown. */
export function partnerOf(
  ctx: Ctx, t: Table, row: Row, pool: PoolModel,
): { typed: string | null; code: string | null } {
  const typed = text(row, 'Partner');
  return { typed, code: typed === null ? null : partnerRef(ctx, typed, t, row, 'Partner', pool.name) };
}

/** The row's pool, checked (UNKNOWN_POOL); null when blank or unknown. */
export function poolRef(ctx: Ctx, t: Table, row: Row): PoolModel | null {
  const name = text(row, 'Pool');
  if (name === null) return null;
  const p = ctx.byName.get(name);
  if (!p && ctx.T.Pools.usable) {
    const where = at(t, row.row, 'Pool');
    ctx.w.add('UNKNOWN_POOL', `${place(where)}: pool ${show(name)} is not in the Pools table.`
      + `${suggest(ctx, 'pool', name, () => ctx.byName.keys())} Correct the name or add the pool.`, where);
  }
  return p ?? null;
}

/** The row's line of `pool`, checked (UNKNOWN_LINE); null when blank or unknown. */
export function lineRef(ctx: Ctx, t: Table, row: Row, pool: PoolModel): string | null {
  const line = text(row, 'Line');
  if (line === null) return null;
  if (ctx.lineNames.get(pool)!.has(line)) return line;
  if (!ctx.T.Lines.usable) return null;
  const where = at(t, row.row, 'Line', pool.name);
  ctx.w.add('UNKNOWN_LINE', `${place(where)}: line ${show(line)} is not a line of pool ${pool.name} in the Lines table.`
    + `${suggest(ctx, `line\u0000${pool.name}`, line, () => ctx.lineNames.get(pool)!)} `
    + 'Correct the name or add the line.', where);
  return null;
}

/** A row's pool, line and partner, each checked (UNKNOWN_POOL, UNKNOWN_LINE, UNKNOWN_PARTNER). */
export function refs(
  ctx: Ctx, t: Table, row: Row,
): { pool: PoolModel; line: string | null; partner: string | null } | null {
  const pool = poolRef(ctx, t, row);
  if (!pool) return null;
  const line = lineRef(ctx, t, row, pool);
  return { pool, line, partner: partnerOf(ctx, t, row, pool).code };
}
