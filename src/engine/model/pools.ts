/** The `Pools` table: kind, host, method, reserve, underspend rule and basis of each pool. */
import { ZERO, groupMoney } from '../money';
import { show } from '../numbers';
import { Row, Table, amount, text } from '../tables';
import { place } from '../warnings';
import { Ctx, at, suggest } from './context';
import type { PoolModel } from './types';

export const KINDS = ['pooled', 'aligned'] as const;
export const METHODS = ['proportional', 'fixed', 'lead', 'banded'] as const;
export const UNDERSPEND = ['share', 'return', 'reserve'] as const;
export const BASES = ['net', 'gross'] as const;

/** A cell that must be one of `allowed` (any case); blank is `fallback`; anything else INVALID_VALUE and null. */
export function choice<T extends string>(
  ctx: Ctx, row: Row, t: Table, header: string, allowed: readonly T[], fallback: T, pool?: string,
): T | null {
  const v = text(row, header);
  if (v === null) return fallback;
  const lower = v.toLowerCase() as T;
  if (allowed.includes(lower)) return lower;
  const where = at(t, row.row, header, pool);
  ctx.w.add('INVALID_VALUE', `${place(where)}: ${show(v)} is not one of ${allowed.join(', ')}; `
    + `choose one (blank means ${fallback}).`, where);
  return null;
}

export function buildPools(ctx: Ctx): void {
  const { w } = ctx;
  const t = ctx.T.Pools;
  for (const row of t.rows) {
    const name = text(row, 'Pool');
    if (name === null) continue;
    if (ctx.byName.has(name)) {
      w.add('DUPLICATE_ROW', `Pools row ${row.row}: pool ${show(name)} is listed twice; keep one row for it.`,
        at(t, row.row, 'Pool', name));
      continue;
    }
    const kind = choice(ctx, row, t, 'Kind', KINDS, 'pooled', name) ?? 'pooled';
    const method = choice(ctx, row, t, 'Method', METHODS, 'proportional', name) ?? 'proportional';
    const underspend = choice(ctx, row, t, 'Underspend', UNDERSPEND, 'share', name) ?? 'share';
    const basis = choice(ctx, row, t, 'Basis', BASES, 'net', name) ?? 'net';
    const reserve = amount(row, 'Reserve') ?? ZERO;
    const where = (column: string) => at(t, row.row, column, name);
    if (reserve.isNegative()) {
      w.add('INVALID_VALUE', `${place(where('Reserve'))}: the reserve ${groupMoney(reserve)} is negative; `
        + 'type the contingency held, 0 or more.', where('Reserve'));
    }
    let host = text(row, 'Host');
    if (host === null && kind === 'pooled') {
      w.add('NO_HOST', `${place(where('Host'))}: pool ${name} is pooled but names no host; `
        + 'type the code of the partner that holds the fund.', where('Host'));
    } else if (host !== null && !ctx.known.has(host)) {
      if (ctx.T.Partners.usable) {
        w.add('HOST_NOT_PARTNER', `${place(where('Host'))}: the host ${show(host)} of pool ${name} is not in the `
          + `Partners table.${suggest(ctx, 'partner', host, () => ctx.known)}`, where('Host'));
      }
      host = null;
    }
    if (kind === 'aligned' && !reserve.isZero()) {
      w.add('ALIGNED_RESERVE', `${place(where('Reserve'))}: pool ${name} is aligned, so it holds no reserve (each `
        + 'partner keeps its own money); set Reserve to 0 or make the pool pooled.', where('Reserve'));
    }
    if (kind === 'aligned' && underspend === 'reserve') {
      w.add('ALIGNED_RESERVE', `${place(where('Underspend'))}: pool ${name} is aligned, so an underspend cannot be `
        + 'carried in a reserve; use share or return.', where('Underspend'));
    }
    const pool: PoolModel = {
      name, row: row.row, kind, host, method, reserve, underspend, basis,
      lines: [], contributions: [], percents: new Map(), caps: new Map(), bands: [], savings: [], payments: [],
    };
    ctx.pools.push(pool);
    ctx.byName.set(name, pool);
    ctx.lineNames.set(pool, new Set());
  }
}
