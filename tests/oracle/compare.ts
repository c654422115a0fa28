/**
 * Compares the engine's RunResult with the reference's, figure by figure; returns the list of
 * differences (empty = agree).
 */
import type { RunResult } from '../../src/engine';
import type { RefResult } from './reference';

const POOL_FIELDS = ['kind', 'host', 'method', 'budget', 'outturn', 'variance', 'reserveUsed', 'reserveCarried', 'unallocated'] as const;
const PARTNER_FIELDS = ['net', 'share', 'savingsCharge', 'riskShare', 'finalCost', 'paid', 'balance'] as const;

const payKey = (p: { from: string; to: string; amount: string }) => `${p.from}->${p.to}:${p.amount}`;

export function compare(eng: RunResult, ref: RefResult): string[] {
  const out: string[] = [];
  if (eng.units !== ref.units) out.push(`units: engine ${eng.units} ref ${ref.units}`);
  for (const rp of ref.pools) {
    const ep = eng.pools.find((p) => p.pool === rp.pool) as any;
    if (!ep) {
      out.push(`pool ${rp.pool}: missing from engine`);
      continue;
    }
    if (rp.failed) {
      if (!ep.errors) out.push(`pool ${rp.pool}: reference expects failure (${rp.failed}), engine ran`);
      continue;
    }
    if (ep.errors) {
      out.push(`pool ${rp.pool}: engine failed: ${ep.errors.map((e: any) => e.code + ' ' + e.message).join('; ')}`);
      continue;
    }
    for (const f of POOL_FIELDS) if (String(ep[f]) !== String(rp[f])) out.push(`pool ${rp.pool}.${f}: engine ${ep[f]} ref ${rp[f]}`);
    const ePartners = ep.partners.map((x: any) => x.partner).join(',');
    const rPartners = rp.partners.map((x) => x.partner).join(',');
    if (ePartners !== rPartners) out.push(`pool ${rp.pool}.partners: engine [${ePartners}] ref [${rPartners}]`);
    for (const rpp of rp.partners) {
      const epp = ep.partners.find((x: any) => x.partner === rpp.partner);
      if (!epp) continue;
      for (const f of PARTNER_FIELDS)
        if (epp[f] !== rpp[f]) out.push(`pool ${rp.pool} ${rpp.partner}.${f}: engine ${epp[f]} ref ${rpp[f]}`);
    }
  }
  const epos = new Map(eng.positions.map((p) => [p.partner, p.position]));
  for (const p of ref.positions) {
    const e = epos.get(p.partner) ?? '0.00';
    if (e !== p.position) out.push(`position ${p.partner}: engine ${e} ref ${p.position}`);
  }
  const en = eng.netting;
  const rn = ref.netting;
  for (const f of ['mode', 'grossCount', 'grossValue', 'netCount', 'netValue'] as const) {
    if (String(en[f]) === String(rn[f])) continue;
    // Bilateral netting of flows whose pair pennies are open (see below): the total of the
    // netted payments may move by a penny per pair.
    if (f === 'netValue' && rn.pairPenniesOpen && rn.mode === 'bilateral' && Math.abs(Number(en[f]) - Number(rn[f])) <= 0.01 * rn.payments.length + 1e-9) continue;
    out.push(`netting.${f}: engine ${en[f]} ref ${rn[f]}`);
  }
  // Multilateral payments are a sequence (largest debtor to largest creditor, repeated): compare
  // in order. Gross and bilateral payments: compare as a multiset. When an aligned pool leaves
  // the pair pennies open (rn.pairPenniesOpen), flows are compared per ordered pair to within
  // 0.01 per aligned pool instead, plus counts/totals exactly, plus the settlement invariant.
  const open = rn.pairPenniesOpen;
  const penniesOk = (ea: { from: string; to: string; amount: string }[], ra: typeof ea, what: string) => {
    const agg = (xs: typeof ea) => {
      const m = new Map<string, number>();
      for (const x of xs) m.set(`${x.from}->${x.to}`, (m.get(`${x.from}->${x.to}`) ?? 0) + Math.round(Number(x.amount) * 100));
      return m;
    };
    const em = agg(ea);
    const rm = agg(ra);
    const tol = Math.max(1, ref.pools.filter((p) => p.kind === 'aligned').length);
    for (const k of new Set([...em.keys(), ...rm.keys()]))
      if (Math.abs((em.get(k) ?? 0) - (rm.get(k) ?? 0)) > tol) out.push(`${what} ${k}: engine ${(em.get(k) ?? 0) / 100} ref ${(rm.get(k) ?? 0) / 100}`);
  };
  const ordered = rn.mode === 'multilateral';
  const ek = en.payments.map(payKey);
  const rk = rn.payments.map(payKey);
  if (!ordered) {
    ek.sort();
    rk.sort();
  }
  if (open && !ordered) penniesOk(en.payments, rn.payments, 'netting.payments');
  else if (ek.join(' ') !== rk.join(' ')) out.push(`netting.payments: engine [${ek.join(' ')}] ref [${rk.join(' ')}]`);
  if (en.grossPayments) {
    const eg = en.grossPayments.map(payKey).sort();
    const rg = rn.grossPayments.map(payKey).sort();
    if (open) penniesOk(en.grossPayments, rn.grossPayments, 'netting.grossPayments');
    else if (eg.join(' ') !== rg.join(' ')) out.push(`netting.grossPayments: engine [${eg.join(' ')}] ref [${rg.join(' ')}]`);
    // Invariant: the gross flows settle every partner's position exactly.
    const flow = new Map<string, number>();
    for (const g of en.grossPayments) {
      const c = Math.round(Number(g.amount) * 100);
      flow.set(g.from, (flow.get(g.from) ?? 0) + c);
      flow.set(g.to, (flow.get(g.to) ?? 0) - c);
    }
    for (const p of eng.positions)
      if ((flow.get(p.partner) ?? 0) !== Math.round(Number(p.position) * 100))
        out.push(`netting.grossPayments do not settle ${p.partner}: flows ${(flow.get(p.partner) ?? 0) / 100} position ${p.position}`);
  }

  const sk = (s: any) => `${s.pool}|${s.partner}|${s.to}|${s.due}|${s.kind}|${s.amount}`;
  const es = eng.schedules.map(sk).sort();
  const rs = ref.schedules.map(sk).sort();
  const eset = new Set(es);
  const rset = new Set(rs);
  const onlyE = es.filter((x) => !rset.has(x));
  const onlyR = rs.filter((x) => !eset.has(x));
  if (onlyE.length || onlyR.length || es.length !== rs.length)
    out.push(`schedules: engine-only [${onlyE.slice(0, 6).join(' ')}] ref-only [${onlyR.slice(0, 6).join(' ')}] (counts ${es.length}/${rs.length})`);
  return out;
}
