/**
 * The floor: a plain floating-point JavaScript loop doing the formula model's arithmetic
 * (proportional risk share and settlement) over the same workbook, with no checks, no audit
 * trail and no exactness. engine time / floor time is what exactness and validation cost.
 *
 * Per pool × partner: net = Σ (gross − income − grant); budget = Σ net over the pool;
 * outturn = Σ line forecasts; variance = outturn − budget; share = net / budget;
 * allocation = round2(variance × share); final cost = net + allocation; paid = Σ payments;
 * balance = final cost − paid.
 */
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
  /** The pool's variance (outturn − budget), repeated on each of its partners' rows. */
  variance: number;
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

/**
 * Pools whose rounded allocations do not add up to the variance: the pennies a
 * ROUND(variance × share, 2) model loses or invents (the engine's money rule never does).
 */
export function poolsOffByPennies(rows: PoolPartnerFigures[]): { pools: number; off: number; maxOff: number } {
  const sum = new Map<string, { alloc: number; variance: number }>();
  for (const r of rows) {
    const s = sum.get(r.pool) ?? { alloc: 0, variance: r.variance };
    s.alloc += r.allocation;
    sum.set(r.pool, s);
  }
  let off = 0;
  let maxOff = 0;
  for (const s of sum.values()) {
    const d = Math.abs(Math.round((s.alloc - s.variance) * 100) / 100);
    if (d >= 0.01) off++;
    maxOff = Math.max(maxOff, d);
  }
  return { pools: sum.size, off, maxOff: Math.round(maxOff * 100) / 100 };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function floatFloor(tables: PlainTables): PoolPartnerFigures[] {
  const contributions = tables.Contributions ?? [];
  const lines = tables.Lines ?? [];
  const payments = tables.Payments ?? [];

  const netByKey = new Map<string, { pool: string; partner: string; net: number }>();
  const budget = new Map<string, number>();
  for (const r of contributions) {
    const pool = String(r.Pool);
    const partner = String(r.Partner);
    const net = plainNumber(r.Gross) - plainNumber(r.Income) - plainNumber(r.Grant);
    const key = pool + '\u0000' + partner;
    const cell = netByKey.get(key);
    if (cell) cell.net += net;
    else netByKey.set(key, { pool, partner, net });
    budget.set(pool, (budget.get(pool) ?? 0) + net);
  }
  const outturn = new Map<string, number>();
  for (const r of lines) {
    const pool = String(r.Pool);
    outturn.set(pool, (outturn.get(pool) ?? 0) + plainNumber(r.Forecast));
  }
  const paid = new Map<string, number>();
  for (const r of payments) {
    const key = String(r.Pool) + '\u0000' + String(r.Partner);
    paid.set(key, (paid.get(key) ?? 0) + plainNumber(r.Amount));
  }

  const out: PoolPartnerFigures[] = [];
  for (const [key, c] of netByKey) {
    const b = budget.get(c.pool) ?? 0;
    const variance = (outturn.get(c.pool) ?? 0) - b;
    const share = b === 0 ? 0 : c.net / b;
    const allocation = round2(variance * share);
    const finalCost = c.net + allocation;
    const p = paid.get(key) ?? 0;
    out.push({ pool: c.pool, partner: c.partner, net: c.net, share, variance, allocation, finalCost, paid: p, balance: finalCost - p });
  }
  return out;
}
