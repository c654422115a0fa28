/**
 * Plain floating-point reading of a cell, shared by the formula model's set-up and the float
 * floor: numbers pass through, text such as "1,234.50", "£1,234" or "(1,234)" is read as a
 * double, blank is 0. Deliberately naive (it is the baseline the exact engine is measured
 * against), and never used for a result anyone relies on.
 */
export function plainNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v === '') return 0;
  let s = v.replace(/[£,\s]/g, '');
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1);
  }
  const n = parseFloat(s);
  return Number.isFinite(n) ? sign * n : 0;
}

/** The tables the formula model and the float floor read, as plain rows. */
export type PlainTables = Record<string, Array<Record<string, unknown>>>;

/** Pool -> partner -> {net, paid}: the pool × partner grid both baselines compute over. */
export interface PoolPartnerFigures {
  pool: string;
  partner: string;
  net: number;
  share: number;
  allocation: number;
  finalCost: number;
  paid: number;
  balance: number;
}

/** Sum of |balance| over pool × partner cells: a checksum to compare the baselines with. */
export function checksum(rows: PoolPartnerFigures[]): number {
  let s = 0;
  for (const r of rows) s += Math.abs(r.balance);
  return Math.round(s * 100) / 100;
}
