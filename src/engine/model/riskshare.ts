/**
 * The `RiskShare` table: rule 5's fixed percents (PERCENT_TOTAL) and bands (BAND_GAP,
 * BAND_OVERLAP), and rule 6's caps.
 */
import { Decimal, ZERO, groupMoney, plain, sum } from '../money';
import { show } from '../numbers';
import { Row, Table, amount, text } from '../tables';
import { Warnings, place } from '../warnings';
import { Ctx, at, partnerOf, poolRef } from './context';
import type { Band, PoolModel } from './types';

export const BAND_METHODS = ['proportional', 'fixed'] as const;

interface BandRow { row: Row; from: Decimal; to: Decimal | null; method: string | null; partner: string | null;
  percent: Decimal | null }
interface PercentRow { row: Row; partner: string; percent: Decimal }

export function buildRiskShare(ctx: Ctx): void {
  const { w } = ctx;
  const t = ctx.T.RiskShare;
  const bandRows = new Map<PoolModel, BandRow[]>();
  const pctRows = new Map<PoolModel, PercentRow[]>();
  const capRows = new Map<string, Row>();
  for (const row of t.rows) {
    const pool = poolRef(ctx, t, row);
    if (!pool) continue;
    const where = (column: string) => at(t, row.row, column, pool.name);
    const { typed, code: partner } = partnerOf(ctx, t, row, pool);
    if (row.bad || (typed !== null && partner === null)) continue;
    const percent = amount(row, 'Percent');
    const cap = amount(row, 'Cap');
    const from = amount(row, 'From');
    const to = amount(row, 'To');
    const bandMethod = text(row, 'Band method');
    const isBand = from !== null || to !== null || bandMethod !== null;
    if (cap !== null) {
      if (partner === null) {
        w.add('BLANK_REQUIRED', `${place(where('Partner'))}: a cap needs the partner it limits; `
          + "type the partner's code.", where('Partner'));
        continue;
      }
      if (cap.isNegative()) {
        w.add('INVALID_VALUE', `${place(where('Cap'))}: the cap ${groupMoney(cap)} is negative; `
          + `type the most ${partner} can bear, 0 or more.`, where('Cap'));
        continue;
      }
      const prev = pool.caps.get(partner);
      const key = pool.name + '\u0000' + partner;
      if (prev !== undefined && !prev.equals(cap)) {
        w.add('DUPLICATE_ROW', `${place(where('Cap'))}: ${partner} already has a cap of ${groupMoney(prev)} in pool `
          + `${pool.name} (row ${capRows.get(key)!.row}); keep one cap.`, where('Cap'));
        continue;
      }
      pool.caps.set(partner, cap);
      capRows.set(key, row);
    }
    if (isBand) {
      if (!bandRows.has(pool)) bandRows.set(pool, []);
      bandRows.get(pool)!.push({ row, from: from ?? ZERO, to, method: bandMethod, partner, percent });
    } else if (percent !== null) {
      if (partner === null) {
        w.add('BLANK_REQUIRED', `${place(where('Partner'))}: a percent needs its partner; Partner may be blank `
          + 'only on the one row of a proportional band.', where('Partner'));
        continue;
      }
      if (!pctRows.has(pool)) pctRows.set(pool, []);
      pctRows.get(pool)!.push({ row, partner, percent });
    } else if (cap === null && partner === null) {
      w.add('BLANK_REQUIRED', `${place(where('Partner'))}: the row says nothing (no partner, percent, cap or band); `
        + 'fill it in or delete it.', where('Partner'));
    }
  }
  for (const pool of ctx.pools) {
    if (pool.method === 'fixed') pool.percents = fixedPercents(pool, pctRows.get(pool) ?? [], t, w);
    if (pool.method === 'banded') pool.bands = buildBands(pool, bandRows.get(pool) ?? [], t, w);
  }
}

/** Rule 5, fixed: one percent per partner, totalling 100. */
function fixedPercents(pool: PoolModel, rows: PercentRow[], t: Table, w: Warnings): Map<string, Decimal> {
  const pct = new Map<string, Decimal>();
  for (const r of rows) {
    if (pct.has(r.partner)) {
      const where = at(t, r.row.row, 'Partner', pool.name);
      w.add('DUPLICATE_ROW', `${place(where)}: ${r.partner} has two percents for pool ${pool.name}; keep one row.`,
        where);
      continue;
    }
    pct.set(r.partner, r.percent);
  }
  const asText = rows.some((r) => r.row.percentText);
  return checkPercents(pct, asText, pool, `pool ${pool.name}`, rows[0]?.row.row, t, w);
}

/**
 * Percents must total 100 (PERCENT_TOTAL). Percents typed as fractions that total exactly 1 (a
 * cell formatted as a percentage holds 0.45 for 45%) are read as fractions of 100.
 */
function checkPercents(
  pct: Map<string, Decimal>, typedAsPercent: boolean, pool: PoolModel, what: string, row: number | undefined,
  t: Table, w: Warnings,
): Map<string, Decimal> {
  let total = sum(pct.values());
  if (!typedAsPercent && total.equals(1) && pct.size > 0) {
    for (const [k, v] of pct) pct.set(k, v.times(100));
    total = new Decimal(100);
  }
  const where = at(t, row, 'Percent', pool.name);
  if (!total.equals(100)) {
    w.add('PERCENT_TOTAL', `RiskShare: the percents of ${what} total ${plain(total)}, not 100; `
      + 'correct them so they add up to 100.', where);
  }
  for (const [k, v] of pct) {
    if (v.isNegative()) {
      w.add('INVALID_VALUE', `RiskShare: ${k}'s percent for ${what} is ${plain(v)}, below zero; `
        + 'percents must be 0 to 100.', where);
    }
  }
  return pct;
}

/** Rule 5, banded: the bands of a pool, each with its method and percents; they must cover 0 to infinity once. */
function buildBands(pool: PoolModel, rows: BandRow[], t: Table, w: Warnings): Band[] {
  const where = (row: number | undefined, column: string) => at(t, row, column, pool.name);
  // Group the rows of one band by its bounds.
  const groups = new Map<string, BandRow[]>();
  for (const r of rows) {
    const key = `${r.from.toString()}|${r.to === null ? '' : r.to.toString()}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const bands: Band[] = [];
  for (const g of groups.values()) {
    const band = buildBand(pool, g, t, w);
    if (band) bands.push(band);
  }
  bands.sort((a, b) => a.from.comparedTo(b.from));
  if (bands.length === 0) {
    const poolCell = { table: 'Pools', row: pool.row, column: 'Method', pool: pool.name };
    w.add('BAND_GAP', `Pool ${pool.name} shares in bands, but RiskShare has no band for it; add rows with From, `
      + 'To and Band method covering 0 to no limit.', poolCell);
    return bands;
  }
  let reach: Decimal | null = ZERO;
  for (const b of bands) {
    const from = groupMoney(b.from);
    if (reach === null) {
      w.add('BAND_OVERLAP', `RiskShare row ${b.row}: pool ${pool.name}'s band from ${from} overlaps a band with `
        + 'no upper bound; bands must not overlap.', where(b.row, 'From'));
      break;
    }
    if (b.from.greaterThan(reach)) {
      w.add('BAND_GAP', `RiskShare row ${b.row}: pool ${pool.name}'s bands leave a gap from ${groupMoney(reach)} `
        + `to ${from}; make each band start where the last ends.`, where(b.row, 'From'));
    } else if (b.from.lessThan(reach)) {
      w.add('BAND_OVERLAP', `RiskShare row ${b.row}: pool ${pool.name}'s band from ${from} overlaps the band `
        + `before it, which runs to ${groupMoney(reach)}; make each band start where the last ends.`,
      where(b.row, 'From'));
    }
    reach = b.to === null ? null : b.to.greaterThan(reach) ? b.to : reach;
  }
  if (reach !== null) {
    const last = bands[bands.length - 1];
    w.add('BAND_GAP', `RiskShare row ${last.row}: pool ${pool.name}'s bands stop at ${groupMoney(reach)}; leave To `
      + 'blank on the last band so that every overspend is covered.', where(last.row, 'To'));
  }
  return bands;
}

/** One band from its rows (same From and To), or null with an error. */
function buildBand(pool: PoolModel, g: BandRow[], t: Table, w: Warnings): Band | null {
  const where = (row: number | undefined, column: string) => at(t, row, column, pool.name);
  const first = g[0];
  const label = `band ${groupMoney(first.from)} to ${first.to === null ? 'no limit' : groupMoney(first.to)}`;
  const methods = new Set(g.map((r) => r.method?.toLowerCase()).filter((m): m is string => m !== undefined));
  if (methods.size > 1) {
    w.add('INVALID_VALUE', `RiskShare row ${first.row.row}: the rows of pool ${pool.name}'s ${label} give different `
      + `band methods (${[...methods].join(', ')}); give one.`, where(first.row.row, 'Band method'));
    return null;
  }
  const m = [...methods][0];
  let method: 'proportional' | 'fixed';
  if (m === undefined) method = g.some((r) => r.percent !== null) ? 'fixed' : 'proportional';
  else if ((BAND_METHODS as readonly string[]).includes(m)) method = m as 'proportional' | 'fixed';
  else {
    w.add('INVALID_VALUE', `RiskShare row ${first.row.row}, column Band method: ${show(m)} is not proportional or `
      + 'fixed; choose one.', where(first.row.row, 'Band method'));
    return null;
  }
  if (first.to !== null && !first.to.greaterThan(first.from)) {
    w.add('BAND_OVERLAP', `RiskShare row ${first.row.row}: pool ${pool.name}'s ${label} ends where it starts or `
      + 'before; To must be above From (blank = no upper bound).', where(first.row.row, 'To'));
    return null;
  }
  const percents = new Map<string, Decimal>();
  if (method === 'fixed') {
    for (const r of g) {
      const row = r.row.row;
      if (r.partner === null) {
        w.add('BLANK_REQUIRED', `RiskShare row ${row}, column Partner: a fixed band needs a partner on each row; `
          + 'Partner may be blank only on the one row of a proportional band.', where(row, 'Partner'));
        continue;
      }
      if (r.percent === null) {
        if (!pool.caps.has(r.partner)) {
          w.add('BLANK_REQUIRED', `RiskShare row ${row}, column Percent: ${r.partner}'s percent for pool `
            + `${pool.name}'s ${label} is blank; type it.`, where(row, 'Percent'));
        }
        continue;
      }
      if (percents.has(r.partner)) {
        w.add('DUPLICATE_ROW', `RiskShare row ${row}: ${r.partner} has two percents in pool ${pool.name}'s ${label}; `
          + 'keep one row.', where(row, 'Partner'));
        continue;
      }
      percents.set(r.partner, r.percent);
    }
    checkPercents(percents, g.some((r) => r.row.percentText), pool, `pool ${pool.name}'s ${label}`, first.row.row,
      t, w);
  } else if (g.length > 1 && g.filter((r) => r.partner === null).length > 1) {
    w.add('DUPLICATE_ROW', `RiskShare row ${g[1].row.row}: pool ${pool.name}'s proportional ${label} is given twice; `
      + 'keep one row.', where(g[1].row.row, 'From'));
  }
  return { from: first.from, to: first.to, method, percents, row: first.row.row };
}
