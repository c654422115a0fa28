/**
 * One pool, rules 1 to 8 in order: net and budget (1), outturn and variance (2), unagreed savings
 * (3), reserve (4), the share (5, share.ts), caps (6, caps.ts), final cost (7), settlement (8).
 */
import type { PartnerResult, PoolResult, Step } from './types';
import { Decimal, HALF_PENNY, Total, ZERO, fractionOf, groupMoney, minus, plain, plus, sum, toMoney } from './money';
import type { Model, PoolModel } from './model';
import type { Settings } from './settings';
import { PoolFacts, ShareError, shareVariance } from './share';
import { applyCaps } from './caps';
import { Warnings } from './warnings';

export interface PoolOutcome {
  result: PoolResult;
  /** Per partner of the pool, exact. */
  net: Map<string, Decimal>;
  finalCost: Map<string, Decimal>;
  balance: Map<string, Decimal>;
}

/** Adds `amount` to the key's running total (from 0); `plus` copies nothing for a zero, the common blank Spend. */
function total(map: Map<string, Decimal>, key: string, amount: Decimal) {
  map.set(key, plus(map.get(key) ?? ZERO, amount));
}

/** The pool's partners, in partner order: contributors, host, and anyone a rule names. */
function poolPartners(pool: PoolModel, order: string[]): string[] {
  const named = new Set<string>(pool.contributions.map((c) => c.partner));
  if (pool.host) named.add(pool.host);
  for (const s of pool.savings) named.add(s.partner);
  for (const p of pool.payments) named.add(p.partner);
  if (pool.method === 'fixed') for (const p of pool.percents.keys()) named.add(p);
  if (pool.method === 'banded') for (const b of pool.bands) for (const p of b.percents.keys()) named.add(p);
  if (pool.method === 'lead') for (const l of pool.lines) if (l.lead) named.add(l.lead);
  return order.filter((p) => named.has(p));
}

type At = (table: string, row: number, column: string) => { table: string; row: number; column: string; pool: string };

/** Rule 1: net per row (already Gross − Income − Grant), per partner and per line; the budget. */
function rule1Budget(pool: PoolModel, partners: string[]) {
  // Running sums (Total), made Decimals once at the end: a pool's rows cost no Decimal per addition.
  const byPartner = () => new Map<string, Total>(partners.map((p) => [p, new Total()]));
  const tally = (map: Map<string, Total>, key: string, amount: Decimal) => {
    let t = map.get(key);
    if (t === undefined) map.set(key, (t = new Total()));
    t.add(amount);
  };
  const [net, gross, spend] = [byPartner(), byPartner(), byPartner()];
  const lineNet = new Map<string, Total>();
  const lineSpend = new Map<string, Total>();
  for (const c of pool.contributions) {
    tally(net, c.partner, c.net);
    tally(gross, c.partner, c.gross);
    tally(spend, c.partner, c.spend);
    tally(lineNet, c.line, c.net);
    tally(lineSpend, c.line, c.spend);
  }
  const values = (map: Map<string, Total>) => {
    const out = new Map<string, Decimal>();
    map.forEach((t, k) => out.set(k, t.value));
    return out;
  };
  const partnerNet = values(net);
  return { net: partnerNet, gross: values(gross), spend: values(spend), lineNet: values(lineNet),
    lineSpend: values(lineSpend), budget: sum(partnerNet.values()) };
}

/** Rule 2: each line's outturn (aligned: the partners' Spend), the pool's outturn and variance. */
function rule2Variance(
  pool: PoolModel, lineSpend: Map<string, Decimal>, budget: Decimal, settings: Settings, w: Warnings, at: At,
) {
  const lineOutturn = new Map<string, Decimal>();
  for (const l of pool.lines) {
    if (pool.kind === 'aligned') {
      const s = lineSpend.get(l.name) ?? ZERO;
      if (l.forecast !== null && l.forecast.minus(s).abs().greaterThan(HALF_PENNY)) {
        w.add('SPEND_MISMATCH', `Lines row ${l.row}, column Forecast: line ${l.name} of aligned pool ${pool.name} `
          + `forecasts ${groupMoney(l.forecast)}, but its partners' Spend totals ${groupMoney(s)} (difference `
          + `${groupMoney(l.forecast.minus(s))}); the Spend is used.`, at('Lines', l.row, 'Forecast'));
      }
      lineOutturn.set(l.name, s);
    } else {
      if (l.forecast === null) {
        // A line with contributions and no forecast is BLANK_REQUIRED (model/lines.ts): the pool does not run.
        w.add('BLANK_AS_ZERO', `Lines row ${l.row}, column Forecast: line ${l.name} of pool ${pool.name} has no `
          + 'forecast, so its outturn is taken as 0; type the forecast (0 if nothing will be spent).',
        at('Lines', l.row, 'Forecast'));
      }
      lineOutturn.set(l.name, l.forecast ?? ZERO);
    }
  }
  const outturn = sum(lineOutturn.values());
  const variance = outturn.minus(budget);
  const limit = budget.abs().times(settings.materiality).dividedBy(100);
  if (variance.abs().greaterThan(limit)) {
    const size = budget.isZero() ? 'against a zero budget'
      : `${plain(variance.abs().times(100).dividedBy(budget.abs()), 2)}% of the budget ${groupMoney(budget)}`;
    w.add('VARIANCE_OVER_MATERIALITY', `Pool ${pool.name}: the variance ${groupMoney(variance)} is ${size}, above the `
      + `materiality of ${plain(settings.materiality)}%; report it to the Joint Management Group.`,
    { table: 'Pools', row: pool.row, column: 'Pool', pool: pool.name });
  }
  return { lineOutturn, outturn, variance };
}

/** Rule 3: each unagreed saving's shortfall is charged to its partner in full. */
function rule3Savings(pool: PoolModel, partners: string[], steps: Step[], w: Warnings, at: At) {
  const charge = new Map<string, Decimal>(partners.map((p) => [p, ZERO]));
  const lineSavings = new Map<string, Decimal>();
  for (const s of pool.savings) {
    if (s.agreed) continue;
    const shortfall = Decimal.max(ZERO, s.planned.minus(s.delivered));
    if (shortfall.isZero()) continue;
    total(charge, s.partner, shortfall);
    total(lineSavings, s.line, shortfall);
    const why = `unagreed saving on ${s.line}: planned ${groupMoney(s.planned)} − delivered `
      + `${groupMoney(s.delivered)} = shortfall ${groupMoney(shortfall)}, borne by ${s.partner} alone`;
    steps.push({ step: 'savings', partner: s.partner, line: s.line, amount: toMoney(shortfall), why });
    w.add('UNAGREED_SAVINGS', `Savings row ${s.row}: ${s.partner} bears the shortfall of ${groupMoney(shortfall)} on `
      + `its unagreed saving on line ${s.line} of pool ${pool.name} alone.`, at('Savings', s.row, 'Agreed'));
  }
  return { charge, lineSavings, charges: sum(charge.values()) };
}

/** Rule 4: the reserve absorbs an overspend first. */
function rule4Reserve(pool: PoolModel, v1: Decimal, steps: Step[]): Decimal {
  const reserveUsed = v1.greaterThan(0) ? Decimal.min(v1, pool.reserve) : ZERO;
  if (!reserveUsed.isZero()) {
    const why = `reserve ${groupMoney(pool.reserve)} absorbs ${groupMoney(reserveUsed)} of the overspend `
      + groupMoney(v1);
    steps.push({ step: 'reserve', amount: toMoney(reserveUsed), why });
  }
  return reserveUsed;
}

/** Rules 5 and 6: V₂ shared by the pool's method, then the caps; null when it cannot be (errors in `w`). */
function rules5and6Share(pool: PoolModel, v2: Decimal, facts: PoolFacts, steps: Step[], w: Warnings) {
  if (pool.contributions.length === 0) {
    // Nothing to share by: say what is missing, not that contributions total zero.
    w.add('NO_BASIS', `Pool ${pool.name} has no contribution rows, so its budget is 0 and nothing can be shared; `
      + 'add its rows to Contributions (or a report block for it).',
    { table: 'Pools', row: pool.row, pool: pool.name });
    return null;
  }
  let sharing;
  try {
    sharing = shareVariance(v2, pool, facts);
  } catch (e) {
    if (!(e instanceof ShareError)) throw e;
    const column = pool.method === 'proportional' || pool.underspend !== 'return' ? 'Basis' : 'Underspend';
    w.add('NO_BASIS', `Pool ${pool.name}: ${e.message}`, { table: 'Pools', row: pool.row, column, pool: pool.name });
    return null;
  }
  for (const s of sharing.steps) steps.push(s);
  let shares = sharing.shares;
  let unallocated = ZERO;
  if (v2.greaterThan(0) && pool.caps.size > 0) {
    const capped = applyCaps(shares, pool.caps, pool.host);
    for (const s of capped.steps) steps.push(s);
    shares = capped.shares;
    unallocated = capped.unallocated;
    if (!unallocated.isZero()) {
      const capsOf = { table: 'RiskShare', column: 'Cap', pool: pool.name };
      if (pool.host === null) {
        w.add('CAP_UNALLOCATED', `Pool ${pool.name}: caps leave ${groupMoney(unallocated)} that no partner can take `
          + 'and the pool has no host to bear it; raise a cap or name a host.', capsOf, 'error');
        return null;
      }
      w.add('CAP_UNALLOCATED', `Pool ${pool.name}: caps leave ${groupMoney(unallocated)} that no other partner can `
        + `take; it falls to the host ${pool.host}.`, capsOf);
    }
  }
  return { shares, unallocated, reserveCarried: sharing.carried };
}

/** Rules 7 and 8: each partner's final cost, what it has put in, and its balance. */
function rules7and8Settle(
  pool: PoolModel, partners: string[], f: {
    net: Map<string, Decimal>; spend: Map<string, Decimal>; charge: Map<string, Decimal>;
    shares: Map<string, Decimal>; outturn: Decimal; reserveUsed: Decimal; reserveCarried: Decimal; budget: Decimal;
  }, w: Warnings, at: At,
) {
  const { net, spend, charge, shares, outturn, reserveUsed, reserveCarried, budget } = f;
  const payments = new Map<string, Decimal>(partners.map((p) => [p, ZERO]));
  for (const p of pool.payments) total(payments, p.partner, p.amount);
  const othersPaid = sum([...payments.entries()].filter(([p]) => p !== pool.host).map(([, a]) => a));
  const rows: PartnerResult[] = [];
  const finalCost = new Map<string, Decimal>();
  const balance = new Map<string, Decimal>();
  for (const p of partners) {
    const fc = plus(plus(net.get(p)!, charge.get(p)!), shares.get(p) ?? ZERO);
    let paid: Decimal;
    if (pool.kind === 'aligned') paid = spend.get(p)!;
    else if (p === pool.host) paid = minus(plus(minus(outturn, reserveUsed), reserveCarried), othersPaid);
    else paid = payments.get(p)!;
    const first = pool.payments.find((x) => x.partner === p);
    if (first && pool.kind === 'pooled' && p !== pool.host && payments.get(p)!.greaterThan(net.get(p)!)) {
      const others = pool.payments.filter((x) => x.partner === p).length > 1 ? ' and others' : '';
      w.add('OVERPAID', `Payments row ${first.row}${others}: ${p} has paid ${groupMoney(payments.get(p)!)} into pool `
        + `${pool.name}, more than its net contribution ${groupMoney(net.get(p)!)}; check the payments.`,
      at('Payments', first.row, 'Amount'));
    }
    finalCost.set(p, fc);
    balance.set(p, minus(fc, paid));
    rows.push({
      partner: p,
      net: toMoney(net.get(p)!),
      share: fractionOf(net.get(p)!, budget),
      savingsCharge: toMoney(charge.get(p)!),
      riskShare: toMoney(shares.get(p) ?? ZERO),
      finalCost: toMoney(fc),
      paid: toMoney(paid),
      balance: toMoney(minus(fc, paid)),
    });
  }
  const check = sum(balance.values());
  if (!check.isZero()) throw new Error(`internal: pool ${pool.name} balances sum to ${check.toString()}`);
  return { rows, finalCost, balance };
}

/** One pool through rules 1 to 8, each a named step above; null when a rule cannot be applied (errors in `w`). */
export function computePool(pool: PoolModel, model: Model, settings: Settings, w: Warnings): PoolOutcome | null {
  const partners = poolPartners(pool, model.partners);
  const at: At = (table, row, column) => ({ table, row, column, pool: pool.name });
  const { net, gross, spend, lineNet, lineSpend, budget } = rule1Budget(pool, partners);
  const { lineOutturn, outturn, variance } = rule2Variance(pool, lineSpend, budget, settings, w, at);
  const steps: Step[] = [];
  const { charge, lineSavings, charges } = rule3Savings(pool, partners, steps, w, at);
  const v1 = variance.minus(charges);
  const reserveUsed = rule4Reserve(pool, v1, steps);
  const v2 = v1.minus(reserveUsed);
  const facts: PoolFacts = {
    partners, net, gross, reserveUsed,
    lines: pool.lines.map((l) => ({
      name: l.name, lead: l.lead, outturn: lineOutturn.get(l.name)!, net: lineNet.get(l.name) ?? ZERO,
      savings: lineSavings.get(l.name) ?? ZERO,
    })),
  };
  const shared = rules5and6Share(pool, v2, facts, steps, w);
  if (!shared) return null;
  const { shares, unallocated, reserveCarried } = shared;
  const settled = rules7and8Settle(pool, partners,
    { net, spend, charge, shares, outturn, reserveUsed, reserveCarried, budget }, w, at);
  return {
    result: {
      pool: pool.name, kind: pool.kind, host: pool.host, method: pool.method,
      budget: toMoney(budget), outturn: toMoney(outturn), variance: toMoney(variance),
      reserveUsed: toMoney(reserveUsed), reserveCarried: toMoney(reserveCarried), unallocated: toMoney(unallocated),
      partners: settled.rows, steps,
    },
    net, finalCost: settled.finalCost, balance: settled.balance,
  };
}
