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
import { plainNumber, type PlainTables, type PoolPartnerFigures } from './plain';

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
