/** POOL.NET, POOL.ALLOCATE and POOL.SHARES: amounts and weights as exact numbers, split by the money rule. */
import { Decimal, ZERO, allocate } from '../../engine/money';
import { netOf } from '../../engine/model/contributions';
import {
  InputProblem, amountOf, amounts, asGrid, moneyOf, omitted, single, toCell, toNumber, where, type Grid,
} from '../convert';

/** Same-shape (or single-cell) optional ranges, as exact numbers. */
function alike(v: unknown, arg: string, rows: number, cols: number): Decimal[][] | null {
  if (omitted(v)) return null;
  const g = asGrid(v) as Grid;
  if (g.length === 1 && g[0].length === 1) {
    const x = amountOf(g[0][0], arg);
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => x));
  }
  if (g.length !== rows || g.some((r) => r.length !== cols)) {
    const size = `${g.length}x${g[0].length}`;
    throw new InputProblem(`${arg} is ${size} but gross is ${rows}x${cols}: give ranges of the same size`);
  }
  return amounts(g, arg);
}

/**
 * Rule 1: net = gross − income − grant, cell by cell. A deduction typed negative (the sign a
 * report prints) is a deduction of its size (spec, Readings decided 12), as in the engine's
 * Contributions, so NET and RISKSHARE agree on the same cells.
 */
export function net(gross: unknown, income?: unknown, grant?: unknown): number[][] {
  const g = asGrid(gross);
  if (!g) throw new InputProblem('gross is empty');
  const gv = amounts(g, 'gross');
  const iv = alike(income, 'income', g.length, g[0].length);
  const rv = alike(grant, 'grant', g.length, g[0].length);
  const at = (d: Decimal[][] | null, r: number, c: number) => (d ? d[r][c] : ZERO);
  return gv.map((row, r) => row.map((x, c) => toNumber(netOf(x, at(iv, r, c), at(rv, r, c)))));
}

function weightsOf(weights: unknown): { grid: Grid; values: Decimal[] } {
  const grid = asGrid(weights);
  if (!grid) throw new InputProblem('weights is empty');
  const values: Decimal[] = [];
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      const d = amountOf(v, where('weights', r, c, grid));
      if (d.isNegative()) throw new InputProblem(`${where('weights', r, c, grid)} is negative (${toCell(v)})`);
      values.push(d);
    }),
  );
  if (values.every((d) => d.isZero())) throw new InputProblem('the weights add up to zero');
  return { grid, values };
}

/** Back to the weights' shape. */
function reshape(grid: Grid, flat: number[]): number[][] {
  let i = 0;
  return grid.map((row) => row.map(() => flat[i++]));
}

/** The spec's money rule: parts to the penny that add up to the amount exactly. */
export function allocateParts(amount: unknown, weights: unknown): number[][] {
  const a = moneyOf(single(amount, 'amount'), 'amount');
  const { grid, values } = weightsOf(weights);
  return reshape(grid, allocate(a, values).map((d) => toNumber(d)));
}

/** Each weight's fraction of the total. */
export function shares(weights: unknown): number[][] {
  const { grid, values } = weightsOf(weights);
  const total = values.reduce((s, d) => s.plus(d), new Decimal(0));
  return reshape(grid, values.map((d) => toNumber(d.div(total))));
}
