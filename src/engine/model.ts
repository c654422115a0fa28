/**
 * From typed rows to the pool model: cross-references (partners, pools, lines), duplicates, the
 * per-pool rules' inputs (methods, percents, caps, bands, savings, payments), and which pools
 * have errors. Every check names its table, row and column; a pool with an error is marked
 * failed and gets no figures (spec, last line).
 */
import type { Basis, Method, PoolKind, UnderspendRule } from './types';
import { Decimal, HALF_PENNY, ZERO, groupMoney, plain, sum } from './money';
import { show } from './numbers';
import { Row, Table, TableName, amount, rawValue, text } from './tables';
import { Warnings, didYouMean, place } from './warnings';

export interface LineModel {
  name: string;
  row: number;
  lead: string | null;
  forecast: Decimal | null;
}

export interface ContributionModel {
  row: number;
  line: string;
  partner: string;
  gross: Decimal;
  income: Decimal;
  grant: Decimal;
  net: Decimal;
  spend: Decimal;
}

export interface Band {
  from: Decimal;
  to: Decimal | null;
  method: 'proportional' | 'fixed';
  percents: Map<string, Decimal>;
  row: number;
}

export interface SavingModel {
  row: number;
  line: string;
  partner: string;
  planned: Decimal;
  delivered: Decimal;
  agreed: boolean;
}

export interface PaymentModel {
  row: number;
  partner: string;
  amount: Decimal;
}

export interface PoolModel {
  name: string;
  row: number;
  kind: PoolKind;
  host: string | null;
  method: Method;
  reserve: Decimal;
  underspend: UnderspendRule;
  basis: Basis;
  lines: LineModel[];
  contributions: ContributionModel[];
  /** Fixed percents by partner (the pool's `fixed` method). */
  percents: Map<string, Decimal>;
  caps: Map<string, Decimal>;
  bands: Band[];
  savings: SavingModel[];
  payments: PaymentModel[];
}

export interface Model {
  partners: string[];
  names: Map<string, string>;
  pools: PoolModel[];
}

const KINDS = ['pooled', 'aligned'] as const;
const METHODS = ['proportional', 'fixed', 'lead', 'banded'] as const;
const UNDERSPEND = ['share', 'return', 'reserve'] as const;
const BASES = ['net', 'gross'] as const;
const BAND_METHODS = ['proportional', 'fixed'] as const;

function choice<T extends string>(
  row: Row, t: Table, header: string, allowed: readonly T[], fallback: T, w: Warnings, pool?: string,
): T | null {
  const v = text(row, header);
  if (v === null) return fallback;
  const lower = v.toLowerCase() as T;
  if (allowed.includes(lower)) return lower;
  const where = { table: t.name, row: row.row, column: header, typedColumn: t.typed[header], pool };
  w.add('INVALID_VALUE', `${place(where)}: ${show(v)} is not one of ${allowed.join(', ')}; choose one (blank means ${fallback}).`, where);
  return null;
}

function parseAgreed(v: string | null | undefined, raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null;
  if (v === null || v === undefined) return false;
  const s = v.toLowerCase();
  if (['yes', 'y', 'true', 'agreed', '1'].includes(s)) return true;
  if (['no', 'n', 'false', '0', 'not agreed'].includes(s)) return false;
  return null;
}

/** Checks a reference to a partner; returns the code or null (with UNKNOWN_PARTNER). */
function partnerRef(code: string, known: Set<string>, t: Table, row: Row, header: string, w: Warnings, pool?: string): string | null {
  if (known.has(code)) return code;
  const where = { table: t.name, row: row.row, column: header, typedColumn: t.typed[header], pool };
  w.add('UNKNOWN_PARTNER', `${place(where)}: partner ${show(code)} is not in the Partners table.${didYouMean(code, known)} Correct the code or add the partner.`, where);
  return null;
}

export function buildModel(tables: Record<TableName, Table>, w: Warnings): Model {
  const T = tables;

  // Partners: the row order is the partner order everywhere.
  const partners: string[] = [];
  const names = new Map<string, string>();
  for (const row of T.Partners.rows) {
    if (row.bad) continue;
    const code = text(row, 'Partner')!;
    if (names.has(code)) {
      w.add('DUPLICATE_ROW', `Partners row ${row.row}: partner ${show(code)} is listed twice; keep one row for it.`, { table: 'Partners', row: row.row, column: 'Partner', typedColumn: T.Partners.typed.Partner });
      continue;
    }
    partners.push(code);
    names.set(code, text(row, 'Name') ?? code);
  }
  const known = new Set(partners);

  // Pools.
  const pools: PoolModel[] = [];
  const byName = new Map<string, PoolModel>();
  const lineNames = new Map<PoolModel, Set<string>>();
  for (const row of T.Pools.rows) {
    const name = text(row, 'Pool');
    if (name === null) continue;
    const t = T.Pools;
    if (byName.has(name)) {
      w.add('DUPLICATE_ROW', `Pools row ${row.row}: pool ${show(name)} is listed twice; keep one row for it.`, { table: 'Pools', row: row.row, column: 'Pool', typedColumn: t.typed.Pool, pool: name });
      continue;
    }
    const kind = choice(row, t, 'Kind', KINDS, 'pooled', w, name) ?? 'pooled';
    const method = choice(row, t, 'Method', METHODS, 'proportional', w, name) ?? 'proportional';
    const underspend = choice(row, t, 'Underspend', UNDERSPEND, 'share', w, name) ?? 'share';
    const basis = choice(row, t, 'Basis', BASES, 'net', w, name) ?? 'net';
    const reserve = amount(row, 'Reserve') ?? ZERO;
    const where = (column: string) => ({ table: 'Pools', row: row.row, column, typedColumn: t.typed[column], pool: name });
    if (reserve.isNegative()) w.add('INVALID_VALUE', `${place(where('Reserve'))}: the reserve ${groupMoney(reserve)} is negative; type the contingency held, 0 or more.`, where('Reserve'));
    let host = text(row, 'Host');
    if (host === null && kind === 'pooled') {
      w.add('NO_HOST', `${place(where('Host'))}: pool ${name} is pooled but names no host; type the code of the partner that holds the fund.`, where('Host'));
    } else if (host !== null && !known.has(host)) {
      w.add('HOST_NOT_PARTNER', `${place(where('Host'))}: the host ${show(host)} of pool ${name} is not in the Partners table.${didYouMean(host, known)}`, where('Host'));
      host = null;
    }
    if (kind === 'aligned' && !reserve.isZero()) {
      w.add('ALIGNED_RESERVE', `${place(where('Reserve'))}: pool ${name} is aligned, so it holds no reserve (each partner keeps its own money); set Reserve to 0 or make the pool pooled.`, where('Reserve'));
    }
    if (kind === 'aligned' && underspend === 'reserve') {
      w.add('ALIGNED_RESERVE', `${place(where('Underspend'))}: pool ${name} is aligned, so an underspend cannot be carried in a reserve; use share or return.`, where('Underspend'));
    }
    const pool: PoolModel = {
      name, row: row.row, kind, host, method, reserve, underspend, basis,
      lines: [], contributions: [], percents: new Map(), caps: new Map(), bands: [], savings: [], payments: [],
    };
    pools.push(pool);
    byName.set(name, pool);
    lineNames.set(pool, new Set());
  }

  const poolRef = (t: Table, row: Row): PoolModel | null => {
    const name = text(row, 'Pool');
    if (name === null) return null;
    const p = byName.get(name);
    if (!p) {
      const where = { table: t.name, row: row.row, column: 'Pool', typedColumn: t.typed.Pool };
      w.add('UNKNOWN_POOL', `${place(where)}: pool ${show(name)} is not in the Pools table.${didYouMean(name, byName.keys())} Correct the name or add the pool.`, where);
    }
    return p ?? null;
  };
  const lineRef = (t: Table, row: Row, pool: PoolModel): string | null => {
    const line = text(row, 'Line');
    if (line === null) return null;
    if (lineNames.get(pool)!.has(line)) return line;
    const where = { table: t.name, row: row.row, column: 'Line', typedColumn: t.typed.Line, pool: pool.name };
    w.add('UNKNOWN_LINE', `${place(where)}: line ${show(line)} is not a line of pool ${pool.name} in the Lines table.${didYouMean(line, pool.lines.map((l) => l.name))} Correct the name or add the line.`, where);
    return null;
  };

  /** A row's pool, line and partner, each checked (UNKNOWN_POOL, UNKNOWN_LINE, UNKNOWN_PARTNER). */
  const refs = (t: Table, row: Row) => {
    const pool = poolRef(t, row);
    if (!pool) return null;
    const line = lineRef(t, row, pool);
    const pcode = text(row, 'Partner');
    const partner = pcode === null ? null : partnerRef(pcode, known, t, row, 'Partner', w, pool.name);
    return { pool, line, partner };
  };

  // Lines.
  for (const row of T.Lines.rows) {
    const pool = poolRef(T.Lines, row);
    if (!pool || row.bad) continue;
    const t = T.Lines;
    const name = text(row, 'Line')!;
    if (lineNames.get(pool)!.has(name)) {
      w.add('DUPLICATE_ROW', `Lines row ${row.row}: line ${show(name)} of pool ${pool.name} is listed twice; keep one row for it.`, { table: 'Lines', row: row.row, column: 'Line', typedColumn: t.typed.Line, pool: pool.name });
      continue;
    }
    let lead = text(row, 'Lead');
    if (lead !== null) lead = partnerRef(lead, known, t, row, 'Lead', w, pool.name);
    else if (pool.method === 'lead') {
      const where = { table: 'Lines', row: row.row, column: 'Lead', typedColumn: t.typed.Lead, pool: pool.name };
      w.add('NO_LEAD', `${place(where)}: pool ${pool.name} shares by lead partner, but line ${name} names no lead; type the partner that commissions it.`, where);
    }
    pool.lines.push({ name, row: row.row, lead, forecast: amount(row, 'Forecast') });
    lineNames.get(pool)!.add(name);
  }

  // Contributions.
  const seenContribution = new Set<string>();
  for (const row of T.Contributions.rows) {
    const t = T.Contributions;
    const r = refs(t, row);
    if (!r) continue;
    const { pool, line, partner } = r;
    if (row.bad || line === null || partner === null) continue;
    const key = `${pool.name}\u0000${line}\u0000${partner}`;
    const where = (column: string) => ({ table: 'Contributions', row: row.row, column, typedColumn: t.typed[column], pool: pool.name });
    if (seenContribution.has(key)) {
      w.add('DUPLICATE_ROW', `Contributions row ${row.row}: pool ${pool.name}, line ${line}, partner ${partner} appears twice; put the amounts on one row.`, where('Partner'));
      continue;
    }
    seenContribution.add(key);
    const gross = amount(row, 'Gross')!;
    const income = amount(row, 'Income') ?? ZERO;
    const grant = amount(row, 'Grant') ?? ZERO;
    const net = gross.minus(income).minus(grant); // rule 1
    const typed = amount(row, 'Net');
    if (typed !== null && typed.minus(net).abs().greaterThan(HALF_PENNY)) {
      w.add('NET_MISMATCH', `Net ${groupMoney(typed)} is not Gross less Income less Grant (${groupMoney(net)}): difference ${groupMoney(typed.minus(net))}. (Contributions row ${row.row}: pool ${pool.name}, line ${line}, partner ${partner}; correct Net or the amounts.)`, where('Net'));
    }
    if (income.greaterThan(gross)) {
      w.add('INCOME_EXCEEDS_GROSS', `${place(where('Income'))}: income ${groupMoney(income)} exceeds gross ${groupMoney(gross)} for ${partner} on line ${line} of pool ${pool.name}; check both figures.`, where('Income'));
    }
    if (net.isNegative() && !net.isZero()) {
      w.add('NEGATIVE_NET', `${place(where('Gross'))}: ${partner}'s net contribution to line ${line} of pool ${pool.name} is ${groupMoney(net)}, below zero; check Gross, Income and Grant.`, where('Gross'));
    }
    pool.contributions.push({ row: row.row, line, partner, gross, income, grant, net, spend: amount(row, 'Spend') ?? ZERO });
  }

  // RiskShare: fixed percents, caps, bands.
  const bandRows = new Map<PoolModel, Array<{ row: Row; from: Decimal; to: Decimal | null; method: string | null; partner: string | null; percent: Decimal | null }>>();
  const pctRows = new Map<PoolModel, Array<{ row: Row; partner: string; percent: Decimal }>>();
  const capRows = new Map<string, Row>();
  for (const row of T.RiskShare.rows) {
    const t = T.RiskShare;
    const pool = poolRef(t, row);
    if (!pool) continue;
    const where = (column: string) => ({ table: 'RiskShare', row: row.row, column, typedColumn: t.typed[column], pool: pool.name });
    const pcode = text(row, 'Partner');
    const partner = pcode === null ? null : partnerRef(pcode, known, t, row, 'Partner', w, pool.name);
    if (row.bad || (pcode !== null && partner === null)) continue;
    const percent = amount(row, 'Percent');
    const cap = amount(row, 'Cap');
    const from = amount(row, 'From');
    const to = amount(row, 'To');
    const bandMethod = text(row, 'Band method');
    const isBand = from !== null || to !== null || bandMethod !== null;
    if (cap !== null) {
      if (partner === null) {
        w.add('BLANK_REQUIRED', `${place(where('Partner'))}: a cap needs the partner it limits; type the partner's code.`, where('Partner'));
        continue;
      }
      if (cap.isNegative()) {
        w.add('INVALID_VALUE', `${place(where('Cap'))}: the cap ${groupMoney(cap)} is negative; type the most ${partner} can bear, 0 or more.`, where('Cap'));
        continue;
      }
      const prev = pool.caps.get(partner);
      if (prev !== undefined && !prev.equals(cap)) {
        w.add('DUPLICATE_ROW', `${place(where('Cap'))}: ${partner} already has a cap of ${groupMoney(prev)} in pool ${pool.name} (row ${capRows.get(pool.name + '\u0000' + partner)!.row}); keep one cap.`, where('Cap'));
        continue;
      }
      pool.caps.set(partner, cap);
      capRows.set(pool.name + '\u0000' + partner, row);
    }
    if (isBand) {
      if (!bandRows.has(pool)) bandRows.set(pool, []);
      bandRows.get(pool)!.push({ row, from: from ?? ZERO, to, method: bandMethod, partner, percent });
    } else if (percent !== null) {
      if (partner === null) {
        w.add('BLANK_REQUIRED', `${place(where('Partner'))}: a percent needs its partner; Partner may be blank only on the one row of a proportional band.`, where('Partner'));
        continue;
      }
      if (!pctRows.has(pool)) pctRows.set(pool, []);
      pctRows.get(pool)!.push({ row, partner, percent });
    } else if (cap === null && partner === null) {
      w.add('BLANK_REQUIRED', `${place(where('Partner'))}: the row says nothing (no partner, percent, cap or band); fill it in or delete it.`, where('Partner'));
    }
  }

  for (const pool of pools) {
    // Fixed percents (rule 5, fixed).
    const rows = pctRows.get(pool) ?? [];
    if (pool.method === 'fixed') {
      const pct = new Map<string, Decimal>();
      for (const r of rows) {
        if (pct.has(r.partner)) {
          const where = { table: 'RiskShare', row: r.row.row, column: 'Partner', typedColumn: T.RiskShare.typed.Partner, pool: pool.name };
          w.add('DUPLICATE_ROW', `${place(where)}: ${r.partner} has two percents for pool ${pool.name}; keep one row.`, where);
          continue;
        }
        pct.set(r.partner, r.percent);
      }
      pool.percents = checkPercents(pct, rows.some((r) => r.row.percentText), pool, `pool ${pool.name}`, rows[0]?.row.row, T.RiskShare, w);
    }
    // Bands (rule 5, banded).
    if (pool.method === 'banded') pool.bands = buildBands(pool, bandRows.get(pool) ?? [], T.RiskShare, w);
    // Partners of a fixed pool need not contribute; a lead must be a known partner (checked above).
  }

  // Savings.
  for (const row of T.Savings.rows) {
    const t = T.Savings;
    const r = refs(t, row);
    if (!r) continue;
    const { pool, line, partner } = r;
    const agreed = parseAgreed(text(row, 'Agreed'), rawValue(row, 'Agreed'));
    if (agreed === null) {
      const where = { table: 'Savings', row: row.row, column: 'Agreed', typedColumn: t.typed.Agreed, pool: pool.name };
      w.add('INVALID_VALUE', `${place(where)}: ${show(rawValue(row, 'Agreed'))} is not yes or no; type yes if the partners agreed a delivery plan, else no (blank means no).`, where);
      continue;
    }
    if (row.bad || line === null || partner === null) continue;
    pool.savings.push({ row: row.row, line, partner, planned: amount(row, 'Planned')!, delivered: amount(row, 'Delivered') ?? ZERO, agreed });
  }

  // Payments.
  for (const row of T.Payments.rows) {
    const t = T.Payments;
    const pool = poolRef(t, row);
    if (!pool) continue;
    const pcode = text(row, 'Partner');
    const partner = pcode === null ? null : partnerRef(pcode, known, t, row, 'Partner', w, pool.name);
    if (row.bad || partner === null) continue;
    const where = { table: 'Payments', row: row.row, column: 'Partner', typedColumn: t.typed.Partner, pool: pool.name };
    if (pool.kind === 'aligned') {
      w.add('IGNORED_ROW', `${place(where)}: pool ${pool.name} is aligned, so partners pay no contributions to a host; this payment is ignored (each partner's own Spend is what it has put in).`, where);
      continue;
    }
    if (partner === pool.host) {
      w.add('IGNORED_ROW', `${place(where)}: ${partner} is the host of pool ${pool.name}; what the host has put in is worked out from the outturn, so this payment is ignored.`, where);
      continue;
    }
    pool.payments.push({ row: row.row, partner, amount: amount(row, 'Amount')! });
  }

  return { partners, names, pools };
}

/**
 * Percents must total 100 (PERCENT_TOTAL). Percents typed as fractions that total exactly 1 (a
 * cell formatted as a percentage holds 0.45 for 45%) are read as fractions of 100.
 */
function checkPercents(
  pct: Map<string, Decimal>, typedAsPercent: boolean, pool: PoolModel, what: string, row: number | undefined, t: Table, w: Warnings,
): Map<string, Decimal> {
  let total = sum(pct.values());
  if (!typedAsPercent && total.equals(1) && pct.size > 0) {
    for (const [k, v] of pct) pct.set(k, v.times(100));
    total = new Decimal(100);
  }
  if (!total.equals(100)) {
    const where = { table: 'RiskShare', row, column: 'Percent', typedColumn: t.typed.Percent, pool: pool.name };
    w.add('PERCENT_TOTAL', `RiskShare: the percents of ${what} total ${plain(total)}, not 100; correct them so they add up to 100.`, where);
  }
  for (const [k, v] of pct) {
    if (v.isNegative()) {
      const where = { table: 'RiskShare', row, column: 'Percent', typedColumn: t.typed.Percent, pool: pool.name };
      w.add('INVALID_VALUE', `RiskShare: ${k}'s percent for ${what} is ${plain(v)}, below zero; percents must be 0 to 100.`, where);
    }
  }
  return pct;
}

function buildBands(
  pool: PoolModel,
  rows: Array<{ row: Row; from: Decimal; to: Decimal | null; method: string | null; partner: string | null; percent: Decimal | null }>,
  t: Table,
  w: Warnings,
): Band[] {
  const where = (row: number | undefined, column: string) => ({ table: 'RiskShare', row, column, typedColumn: t.typed[column], pool: pool.name });
  // Group the rows of one band by its bounds.
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.from.toString()}|${r.to === null ? '' : r.to.toString()}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const bands: Band[] = [];
  for (const g of groups.values()) {
    const first = g[0];
    const label = `band ${groupMoney(first.from)} to ${first.to === null ? 'no limit' : groupMoney(first.to)}`;
    const methods = new Set(g.map((r) => r.method?.toLowerCase()).filter((m): m is string => m !== undefined));
    let method: 'proportional' | 'fixed';
    if (methods.size > 1) {
      w.add('INVALID_VALUE', `RiskShare row ${first.row.row}: the rows of pool ${pool.name}'s ${label} give different band methods (${[...methods].join(', ')}); give one.`, where(first.row.row, 'Band method'));
      continue;
    }
    const m = [...methods][0];
    if (m === undefined) method = g.some((r) => r.percent !== null) ? 'fixed' : 'proportional';
    else if ((BAND_METHODS as readonly string[]).includes(m)) method = m as 'proportional' | 'fixed';
    else {
      w.add('INVALID_VALUE', `RiskShare row ${first.row.row}, column Band method: ${show(m)} is not proportional or fixed; choose one.`, where(first.row.row, 'Band method'));
      continue;
    }
    if (first.to !== null && !first.to.greaterThan(first.from)) {
      w.add('BAND_OVERLAP', `RiskShare row ${first.row.row}: pool ${pool.name}'s ${label} ends where it starts or before; To must be above From (blank = no upper bound).`, where(first.row.row, 'To'));
      continue;
    }
    const percents = new Map<string, Decimal>();
    if (method === 'fixed') {
      for (const r of g) {
        if (r.partner === null) {
          w.add('BLANK_REQUIRED', `RiskShare row ${r.row.row}, column Partner: a fixed band needs a partner on each row; Partner may be blank only on the one row of a proportional band.`, where(r.row.row, 'Partner'));
          continue;
        }
        if (r.percent === null) {
          if (!pool.caps.has(r.partner)) w.add('BLANK_REQUIRED', `RiskShare row ${r.row.row}, column Percent: ${r.partner}'s percent for pool ${pool.name}'s ${label} is blank; type it.`, where(r.row.row, 'Percent'));
          continue;
        }
        if (percents.has(r.partner)) {
          w.add('DUPLICATE_ROW', `RiskShare row ${r.row.row}: ${r.partner} has two percents in pool ${pool.name}'s ${label}; keep one row.`, where(r.row.row, 'Partner'));
          continue;
        }
        percents.set(r.partner, r.percent);
      }
      checkPercents(percents, g.some((r) => r.row.percentText), pool, `pool ${pool.name}'s ${label}`, first.row.row, t, w);
    } else if (g.length > 1 && g.filter((r) => r.partner === null).length > 1) {
      w.add('DUPLICATE_ROW', `RiskShare row ${g[1].row.row}: pool ${pool.name}'s proportional ${label} is given twice; keep one row.`, where(g[1].row.row, 'From'));
    }
    bands.push({ from: first.from, to: first.to, method, percents, row: first.row.row });
  }
  bands.sort((a, b) => a.from.comparedTo(b.from));
  // Bands must cover 0 to infinity exactly once.
  if (bands.length === 0) {
    w.add('BAND_GAP', `Pool ${pool.name} shares in bands, but RiskShare has no band for it; add rows with From, To and Band method covering 0 to no limit.`, { table: 'Pools', row: pool.row, column: 'Method', pool: pool.name });
    return bands;
  }
  let reach: Decimal | null = ZERO;
  for (const b of bands) {
    if (reach === null) {
      w.add('BAND_OVERLAP', `RiskShare row ${b.row}: pool ${pool.name}'s band from ${groupMoney(b.from)} overlaps a band with no upper bound; bands must not overlap.`, where(b.row, 'From'));
      break;
    }
    if (b.from.greaterThan(reach)) {
      w.add('BAND_GAP', `RiskShare row ${b.row}: pool ${pool.name}'s bands leave a gap from ${groupMoney(reach)} to ${groupMoney(b.from)}; make each band start where the last ends.`, where(b.row, 'From'));
    } else if (b.from.lessThan(reach)) {
      w.add('BAND_OVERLAP', `RiskShare row ${b.row}: pool ${pool.name}'s band from ${groupMoney(b.from)} overlaps the band before it, which runs to ${groupMoney(reach)}; make each band start where the last ends.`, where(b.row, 'From'));
    }
    reach = b.to === null ? null : b.to.greaterThan(reach) ? b.to : reach;
  }
  if (reach !== null) {
    const last = bands[bands.length - 1];
    w.add('BAND_GAP', `RiskShare row ${last.row}: pool ${pool.name}'s bands stop at ${groupMoney(reach)}; leave To blank on the last band so that every overspend is covered.`, where(last.row, 'To'));
  }
  return bands;
}
