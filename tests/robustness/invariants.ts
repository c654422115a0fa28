/**
 * What must hold of any RunResult, however bad the input: every warning has a known code, a
 * severity and a one-line message; a pool with an error has no figures; a pool that ran has
 * well-formed amounts whose balances sum to exactly zero; the year used is stated; every payment
 * before netting names its pool. Shared by the robustness tests.
 */
import { Decimal, SEVERITY } from '../../src/engine';
import type { RunResult, Warning, WarningCode } from '../../src/engine/types';

export const KNOWN_CODES: ReadonlySet<WarningCode> = new Set(Object.keys(SEVERITY) as WarningCode[]);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const MONEY = /^-?\d+\.\d{2}$/;

/** Throws a readable Error naming the first thing that does not hold. */
export function checkWarning(w: Warning): void {
  const say = (why: string) => new Error(`${why}: ${JSON.stringify(w)}`);
  if (!KNOWN_CODES.has(w.code)) throw say('unknown warning code');
  if (!SEVERITIES.has(w.severity)) throw say('unknown severity');
  if (typeof w.message !== 'string' || w.message.trim().length < 5) throw say('empty message');
  if (/[\r\n]/.test(w.message)) throw say('message is not one line');
  if (w.row !== undefined && !(Number.isInteger(w.row) && w.row >= 1)) throw say('row is not a 1-based integer');
  if (w.table !== undefined && typeof w.table !== 'string') throw say('table is not text');
}

export function checkInvariants(r: RunResult): void {
  if (!r || !Array.isArray(r.warnings) || !Array.isArray(r.pools)) throw new Error('not a RunResult');
  r.warnings.forEach(checkWarning);
  const erroredPools = new Set(r.warnings.filter((w) => w.severity === 'error' && w.pool !== undefined).map((w) => w.pool));
  for (const p of r.pools) {
    if ('errors' in p) {
      if (p.errors.length === 0) throw new Error(`pool ${p.pool} failed with no errors listed`);
      if ('partners' in p || 'budget' in p) throw new Error(`failed pool ${p.pool} carries figures`);
      continue;
    }
    if (erroredPools.has(p.pool)) throw new Error(`pool ${p.pool} has an error warning but produced figures`);
    let sum = new Decimal(0);
    for (const x of p.partners) {
      for (const k of ['net', 'savingsCharge', 'riskShare', 'finalCost', 'paid', 'balance'] as const) {
        if (!MONEY.test(x[k])) throw new Error(`pool ${p.pool} partner ${x.partner} ${k} = ${JSON.stringify(x[k])} is not an amount`);
      }
      sum = sum.plus(x.balance);
    }
    if (!sum.isZero()) throw new Error(`pool ${p.pool}: balances sum to ${sum.toString()}, not zero`);
    for (const k of ['budget', 'outturn', 'variance', 'reserveUsed', 'reserveCarried', 'unallocated'] as const) {
      if (!MONEY.test(p[k])) throw new Error(`pool ${p.pool} ${k} = ${JSON.stringify(p[k])} is not an amount`);
    }
  }
  for (const s of r.schedules) if (!MONEY.test(s.amount)) throw new Error(`schedule amount ${JSON.stringify(s)}`);
  for (const p of r.netting.payments) if (!MONEY.test(p.amount)) throw new Error(`netting payment ${JSON.stringify(p)}`);
  for (const p of r.positions) if (!MONEY.test(p.position)) throw new Error(`position ${JSON.stringify(p)}`);
  if (!r.year || !/^\d{4}-\d{2}$/.test(r.year.start) || !['setting', 'periods', 'default'].includes(r.year.from)) {
    throw new Error(`year ${JSON.stringify(r.year)}`);
  }
  for (const p of r.partners ?? []) if (typeof p.partner !== 'string' || (p.name !== null && typeof p.name !== 'string')) {
    throw new Error(`partner ${JSON.stringify(p)}`);
  }
  const pools = new Set(r.pools.map((p) => p.pool));
  for (const p of r.netting.grossPayments) if (!MONEY.test(p.amount) || p.pool === undefined || !pools.has(p.pool)) {
    throw new Error(`payment before netting ${JSON.stringify(p)} has no pool of the result`);
  }
  JSON.stringify(r); // serialisable: no cycles, no BigInt
}
