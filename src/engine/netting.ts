/**
 * Rule 9: positions and netting. The gross flows pay each pool's balances through its host
 * (aligned pools: debtors pay creditors in proportion); `bilateral` nets the flows of each pair;
 * `multilateral` settles the positions with at most n − 1 payments, largest debtor to largest
 * creditor, ties by partner order.
 */
import type { NettingMode } from './types';
import { Decimal, ZERO, sum } from './money';

export interface Flow {
  from: string;
  to: string;
  amount: Decimal;
}

/** A pooled pool's balances settle through the host: positive pays the host, negative is paid by it. */
export function hostFlows(balances: Array<{ partner: string; amount: Decimal }>, host: string): Flow[] {
  const flows: Flow[] = [];
  for (const { partner, amount } of balances) {
    if (partner === host || amount.isZero()) continue;
    flows.push(amount.greaterThan(0)
      ? { from: partner, to: host, amount }
      : { from: host, to: partner, amount: amount.negated() });
  }
  return flows;
}

/**
 * An aligned pool: each debtor pays each creditor in proportion to the creditors' balances, to the
 * penny, so that every debtor pays exactly what it owes and every creditor gets exactly its due
 * (a matrix rounding: exact flows cut to pennies, then the missing pennies placed on the cells
 * with the largest cut-off remainders that both their row and their column still need).
 */
export function proportionalFlows(balances: Array<{ partner: string; amount: Decimal }>): Flow[] {
  const debtors = balances.filter((b) => b.amount.greaterThan(0));
  const creditors = balances.filter((b) => b.amount.isNegative() && !b.amount.isZero())
    .map((b) => ({ partner: b.partner, amount: b.amount.negated() }));
  if (debtors.length === 0 || creditors.length === 0) return [];
  const owed = sum(creditors.map((c) => c.amount));
  const cents = (d: Decimal) => d.times(100);
  // Work in pennies (balances may carry sub-penny residue from typed amounts: it stays with the last cell).
  const cell: Array<{ d: number; c: number; base: Decimal; rem: Decimal }> = [];
  const rowNeed = debtors.map((d) => cents(d.amount));
  const colNeed = creditors.map((c) => cents(c.amount));
  debtors.forEach((d, i) =>
    creditors.forEach((c, j) => {
      const exact = cents(d.amount).times(c.amount).dividedBy(owed);
      const base = exact.floor();
      cell.push({ d: i, c: j, base, rem: exact.minus(base) });
      rowNeed[i] = rowNeed[i].minus(base);
      colNeed[j] = colNeed[j].minus(base);
    }),
  );
  const bump = new Set<number>();
  const order = cell.map((_, k) => k).sort((a, b) => cell[b].rem.comparedTo(cell[a].rem) || a - b);
  for (const k of order) {
    const { d, c, rem } = cell[k];
    if (rem.isZero()) continue;
    if (rowNeed[d].greaterThanOrEqualTo(1) && colNeed[c].greaterThanOrEqualTo(1)) {
      bump.add(k);
      rowNeed[d] = rowNeed[d].minus(1);
      colNeed[c] = colNeed[c].minus(1);
    }
  }
  // Rows still short (rare): move a penny along an alternating path (augmenting path search).
  for (let i = 0; i < debtors.length; i++) {
    while (rowNeed[i].greaterThanOrEqualTo(1)) {
      if (!augment(i, cell, bump, rowNeed, colNeed, debtors.length)) break;
    }
  }
  // What is left (sub-penny residue of balances typed past the penny) is placed corner to corner,
  // so that every debtor still pays, and every creditor still receives, exactly its balance.
  const pennies = cell.map((x, k) => x.base.plus(bump.has(k) ? 1 : 0));
  for (let i = 0, j = 0; i < debtors.length && j < creditors.length;) {
    const move = Decimal.min(rowNeed[i], colNeed[j]);
    pennies[i * creditors.length + j] = pennies[i * creditors.length + j].plus(move);
    rowNeed[i] = rowNeed[i].minus(move);
    colNeed[j] = colNeed[j].minus(move);
    if (rowNeed[i].isZero()) i++;
    else j++;
  }
  const flows: Flow[] = [];
  cell.forEach((x, k) => {
    const amount = pennies[k].dividedBy(100);
    if (!amount.isZero()) flows.push({ from: debtors[x.d].partner, to: creditors[x.c].partner, amount });
  });
  return flows;
}

function augment(
  start: number, cell: Array<{ d: number; c: number; rem: Decimal }>, bump: Set<number>, rowNeed: Decimal[],
  colNeed: Decimal[], nRows: number,
): boolean {
  // BFS over rows: from a row, through an un-bumped fractional cell to a column; from a column,
  // back through a bumped cell to another row. Ends at a column that still needs a penny.
  const prevRow = new Map<number, { col: number; k: number }>();
  const prevCol = new Map<number, { row: number; k: number }>();
  const queue = [start];
  const seenRows = new Set([start]);
  while (queue.length > 0) {
    const r = queue.shift()!;
    for (let k = 0; k < cell.length; k++) {
      const x = cell[k];
      if (x.d !== r || bump.has(k) || x.rem.isZero() || prevCol.has(x.c)) continue;
      prevCol.set(x.c, { row: r, k });
      if (colNeed[x.c].greaterThanOrEqualTo(1)) {
        let col = x.c;
        for (;;) {
          const { row, k: kin } = prevCol.get(col)!;
          bump.add(kin);
          if (row === start) break;
          const back = prevRow.get(row)!;
          bump.delete(back.k);
          col = back.col;
        }
        rowNeed[start] = rowNeed[start].minus(1);
        colNeed[x.c] = colNeed[x.c].minus(1);
        return true;
      }
      for (let k2 = 0; k2 < cell.length; k2++) {
        const y = cell[k2];
        if (y.c === x.c && bump.has(k2) && !seenRows.has(y.d) && y.d < nRows) {
          seenRows.add(y.d);
          prevRow.set(y.d, { col: x.c, k: k2 });
          queue.push(y.d);
        }
      }
    }
  }
  return false;
}

/** Nets the flows between each pair of partners into one payment (pairs in partner order). */
export function bilateral(flows: Flow[], order: string[]): Flow[] {
  const idx = new Map(order.map((p, i) => [p, i]));
  const pair = new Map<string, { a: string; b: string; net: Decimal }>();
  for (const f of flows) {
    const [a, b] = (idx.get(f.from) ?? 0) <= (idx.get(f.to) ?? 0) ? [f.from, f.to] : [f.to, f.from];
    const key = `${a}\u0000${b}`;
    const entry = pair.get(key) ?? { a, b, net: ZERO };
    entry.net = entry.net.plus(f.from === a ? f.amount : f.amount.negated());
    pair.set(key, entry);
  }
  const out: Flow[] = [];
  const entries = [...pair.values()].sort((x, y) => idx.get(x.a)! - idx.get(y.a)! || idx.get(x.b)! - idx.get(y.b)!);
  for (const { a, b, net } of entries) {
    if (net.isZero()) continue;
    out.push(net.greaterThan(0) ? { from: a, to: b, amount: net } : { from: b, to: a, amount: net.negated() });
  }
  return out;
}

/**
 * Settles positions (positive owes) with at most n − 1 payments: largest debtor pays largest creditor,
 * ties by partner order (the earlier in `positions`). Two heaps keep each choice O(log n).
 */
export function multilateral(positions: Array<{ partner: string; amount: Decimal }>): Flow[] {
  const left = positions.map((p) => p.amount);
  // Largest first; among equals the earlier partner (what a scan keeping the first strict maximum picks).
  const debtors = new Heap((i, j) => left[j].comparedTo(left[i]) || i - j);
  const creditors = new Heap((i, j) => left[i].comparedTo(left[j]) || i - j);
  left.forEach((a, i) => {
    if (a.greaterThan(0)) debtors.push(i);
    else if (a.isNegative() && !a.isZero()) creditors.push(i);
  });
  const out: Flow[] = [];
  while (debtors.size > 0 && creditors.size > 0) {
    const d = debtors.pop();
    const c = creditors.pop();
    const amount = Decimal.min(left[d], left[c].negated());
    out.push({ from: positions[d].partner, to: positions[c].partner, amount });
    left[d] = left[d].minus(amount);
    left[c] = left[c].plus(amount);
    if (left[d].greaterThan(0)) debtors.push(d);
    if (left[c].isNegative() && !left[c].isZero()) creditors.push(c);
  }
  return out;
}

/** A binary heap of indices; `before(i, j) < 0` puts i nearer the top. */
class Heap {
  private readonly items: number[] = [];

  constructor(private readonly before: (i: number, j: number) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const h = this.items;
    h.push(x);
    for (let k = h.length - 1; k > 0;) {
      const up = (k - 1) >> 1;
      if (this.before(h[k], h[up]) >= 0) break;
      [h[k], h[up]] = [h[up], h[k]];
      k = up;
    }
  }

  pop(): number {
    const h = this.items;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let k = 0; ;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let best = k;
        if (l < h.length && this.before(h[l], h[best]) < 0) best = l;
        if (r < h.length && this.before(h[r], h[best]) < 0) best = r;
        if (best === k) break;
        [h[k], h[best]] = [h[best], h[k]];
        k = best;
      }
    }
    return top;
  }
}

/** The payments of a netting mode, from the gross flows and the positions. */
export function net(
  mode: NettingMode, gross: Flow[], positions: Array<{ partner: string; amount: Decimal }>, order: string[],
): Flow[] {
  if (mode === 'gross') return gross;
  if (mode === 'bilateral') return bilateral(gross, order);
  return multilateral(positions);
}
