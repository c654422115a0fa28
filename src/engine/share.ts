/**
 * Rule 5: sharing V₂ by the pool's method (proportional, fixed, lead, banded), and the
 * underspend treatments (share, return, reserve). Each function returns the partners' shares and
 * the audit-trail steps that produced them; every split goes through `allocate`.
 */
import type { Step } from './types';
import { Decimal, ZERO, allocate, groupMoney, plain, sum, toMoney } from './money';
import type { Band, PoolModel } from './model';

export type Shares = Map<string, Decimal>;

export interface Sharing {
  shares: Shares;
  steps: Step[];
}

/** Per partner of the pool (in pool partner order): what "in proportion to contributions" weighs. */
export interface PoolFacts {
  partners: string[];
  net: Map<string, Decimal>;
  gross: Map<string, Decimal>;
  /** Per line, in line order: forecast outturn, net contributions, savings charged on it. */
  lines: Array<{ name: string; lead: string | null; outturn: Decimal; net: Decimal; savings: Decimal }>;
  reserveUsed: Decimal;
}

export class ShareError extends Error {}

function emptyShares(partners: string[]): Shares {
  return new Map(partners.map((p) => [p, ZERO]));
}

function addTo(shares: Shares, partner: string, amount: Decimal) {
  shares.set(partner, (shares.get(partner) ?? ZERO).plus(amount));
}

/** Splits `amount` over partners by weights; each part one `share` step. */
function splitBy(
  amount: Decimal, partners: string[], weights: Decimal[], shares: Shares, steps: Step[], why: (i: number) => string,
) {
  const parts = allocate(amount, weights);
  parts.forEach((part, i) => {
    if (weights[i].isZero()) return;
    addTo(shares, partners[i], part);
    steps.push({ step: 'share', partner: partners[i], amount: toMoney(part), why: why(i) });
  });
}

/** In proportion to the partners' contributions, net or gross as the pool's Basis says. */
export function proportional(
  amount: Decimal, pool: PoolModel, f: PoolFacts, shares: Shares, steps: Step[], prefix = '',
) {
  const basis = pool.basis === 'gross' ? f.gross : f.net;
  const weights = f.partners.map((p) => basis.get(p) ?? ZERO);
  const total = sum(weights);
  if (!total.greaterThan(0)) {
    throw new ShareError(
      `pool ${pool.name} cannot be shared in proportion to ${pool.basis} contributions: they total `
        + `${groupMoney(total)}; correct the contributions or choose another method.`,
    );
  }
  const label = pool.basis === 'gross' ? ' (gross)' : '';
  splitBy(amount, f.partners, weights, shares, steps,
    (i) => `${prefix}${groupMoney(weights[i])}/${groupMoney(total)} of ${groupMoney(amount)}${label}`);
}

/** By fixed percents (which total 100). */
function byPercents(
  amount: Decimal, percents: Map<string, Decimal>, order: string[], shares: Shares, steps: Step[], prefix = '',
) {
  const partners = order.filter((p) => percents.has(p));
  const weights = partners.map((p) => percents.get(p)!);
  splitBy(amount, partners, weights, shares, steps, (i) => `${prefix}${plain(weights[i])}% of ${groupMoney(amount)}`);
}

/** Each line's own variance, less its savings charges and its part of the reserve, to its lead. */
function byLead(v2: Decimal, f: PoolFacts, shares: Shares, steps: Step[]) {
  const over = f.lines.map((l) => l.outturn.minus(l.net).minus(l.savings));
  const weights = over.map((o) => (o.greaterThan(0) ? o : ZERO));
  const reserveParts = f.reserveUsed.isZero() ? over.map(() => ZERO) : allocate(f.reserveUsed, weights);
  let total = ZERO;
  f.lines.forEach((l, i) => {
    const part = over[i].minus(reserveParts[i]);
    total = total.plus(part);
    if (part.isZero()) return;
    addTo(shares, l.lead!, part);
    const bits = [`forecast ${groupMoney(l.outturn)}`, `net ${groupMoney(l.net)}`];
    if (!l.savings.isZero()) bits.push(`savings charged ${groupMoney(l.savings)}`);
    if (!reserveParts[i].isZero()) bits.push(`reserve ${groupMoney(reserveParts[i])}`);
    const why = `line ${l.name}: ${bits.join(' − ')} = ${groupMoney(part)}, to its lead ${l.lead}`;
    steps.push({ step: 'share', partner: l.lead!, line: l.name, amount: toMoney(part), why });
  });
  if (!total.equals(v2)) throw new Error(`internal: lead parts ${total} do not sum to ${v2}`);
}

/** The part of |V₂| in each band, shared by that band's method. */
function byBands(v2: Decimal, bands: Band[], pool: PoolModel, f: PoolFacts, shares: Shares, steps: Step[]) {
  const size = v2.abs();
  const sign = v2.isNegative() ? -1 : 1;
  for (const b of bands) {
    const top = b.to === null ? size : Decimal.min(size, b.to);
    const inBand = top.minus(b.from);
    if (!inBand.greaterThan(0)) continue;
    const part = sign < 0 ? inBand.negated() : inBand;
    const prefix = `band ${groupMoney(b.from)} to ${b.to === null ? 'no limit' : groupMoney(b.to)}: `;
    if (b.method === 'fixed') byPercents(part, b.percents, f.partners, shares, steps, prefix);
    else proportional(part, pool, f, shares, steps, prefix);
  }
}

/**
 * Rule 5 with the underspend rule: shares V₂ (overspend, or underspend by `share`/`return`), or
 * carries an underspend in the pool (`reserve`). Returns the shares and the amount carried.
 */
export function shareVariance(v2: Decimal, pool: PoolModel, f: PoolFacts): Sharing & { carried: Decimal } {
  const shares = emptyShares(f.partners);
  const steps: Step[] = [];
  // Under `lead` each line's own part goes to its lead even when the parts net to nothing.
  if (v2.isZero() && pool.method !== 'lead') return { shares, steps, carried: ZERO };
  if (v2.isNegative() && pool.underspend === 'reserve') {
    const why = `underspend ${groupMoney(v2.negated())} carried forward in the pool's reserve; `
      + "no partner's cost changes";
    steps.push({ step: 'carry', amount: toMoney(v2.negated()), why });
    return { shares, steps, carried: v2.negated() };
  }
  if (v2.isNegative() && pool.underspend === 'return') {
    proportional(v2, pool, f, shares, steps, 'underspend returned: ');
    return { shares, steps, carried: ZERO };
  }
  switch (pool.method) {
    case 'proportional':
      proportional(v2, pool, f, shares, steps);
      break;
    case 'fixed':
      byPercents(v2, pool.percents, f.partners, shares, steps);
      break;
    case 'lead':
      byLead(v2, f, shares, steps);
      break;
    case 'banded':
      byBands(v2, pool.bands, pool, f, shares, steps);
      break;
  }
  return { shares, steps, carried: ZERO };
}
