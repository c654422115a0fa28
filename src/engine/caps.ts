/**
 * Rule 6: caps (overspend only). A partner's share above its cap is cut to the cap and the excess
 * goes to the partners not yet cut, in proportion to their step-5 shares, repeated until no cap is
 * broken. What no partner can take falls to the host.
 */
import type { Step } from './types';
import { Decimal, ZERO, allocate, groupMoney, sum, toMoney } from './money';
import type { Shares } from './share';

export interface CapOutcome {
  shares: Shares;
  steps: Step[];
  /** What no partner could take; it has fallen to the host (or, with no host, to nobody). */
  unallocated: Decimal;
}

export function applyCaps(step5: Shares, caps: Map<string, Decimal>, host: string | null): CapOutcome {
  const shares: Shares = new Map(step5);
  const steps: Step[] = [];
  const cut = new Set<string>();
  let unallocated = ZERO;
  for (;;) {
    const broken = [...shares.keys()]
      .filter((p) => !cut.has(p) && caps.has(p) && shares.get(p)!.greaterThan(caps.get(p)!));
    if (broken.length === 0) break;
    let excess = ZERO;
    const cuts = broken.map((p) => {
      const over = shares.get(p)!.minus(caps.get(p)!);
      excess = excess.plus(over);
      shares.set(p, caps.get(p)!);
      cut.add(p);
      return over;
    });
    const eligible = [...shares.keys()].filter((p) => !cut.has(p) && step5.get(p)!.greaterThan(0));
    const weights = eligible.map((p) => step5.get(p)!);
    const capText = broken.map((p) => (broken.length > 1 ? `${p} ` : '') + `cap ${groupMoney(caps.get(p)!)}`)
      .join(', ');
    const whereTo = eligible.length === 0
      ? (host !== null
        ? `falls to the host ${host}: no other partner can take it`
        : 'no partner can take it and the pool has no host')
      : `to ${eligible.join(', ')} in proportion to ${weights.map(groupMoney).join(' : ')}`;
    broken.forEach((p, i) => {
      const why = `${capText}; excess ${groupMoney(excess)} ${whereTo}`;
      steps.push({ step: 'cap', partner: p, amount: toMoney(cuts[i].negated()), why });
    });
    if (eligible.length === 0) {
      unallocated = unallocated.plus(excess);
      if (host !== null) {
        shares.set(host, (shares.get(host) ?? ZERO).plus(excess));
        const why = `excess ${groupMoney(excess)} over the caps falls to the host ${host}`;
        steps.push({ step: 'unallocated', partner: host, amount: toMoney(excess), why });
      }
      break;
    }
    const parts = allocate(excess, weights);
    const total = sum(weights);
    eligible.forEach((p, i) => {
      shares.set(p, shares.get(p)!.plus(parts[i]));
      const why = `${groupMoney(weights[i])}/${groupMoney(total)} of the excess ${groupMoney(excess)} over `
        + `${broken.join(', ')}'s cap`;
      steps.push({ step: 'cap', partner: p, amount: toMoney(parts[i]), why });
    });
  }
  return { shares, steps, unallocated };
}
