/**
 * An independent reference implementation of rules 1-10 and the Money rule of
 * docs/rules.md (the spec), written from the spec alone (it does not read or import
 * src/engine). It works on the JSON form `{ tables: {...} }` of VALID, well-formed workbooks:
 * headers spelled exactly as in the spec, amounts as numbers, percents as 0-100 numbers.
 *
 * Every amount is a decimal.js Decimal. Readings chosen where the spec is open are marked
 * "READING:" below.
 */
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const ZERO = new D(0);
const PENNY = new D('0.01');

type Row = Record<string, unknown>;
export interface RefWorkbook {
  tables: Record<string, Row[]>;
}

export interface RefPartner {
  partner: string;
  net: string;
  share: string;
  savingsCharge: string;
  riskShare: string;
  finalCost: string;
  paid: string;
  balance: string;
}
export interface RefPool {
  pool: string;
  failed?: string; // reason, when the reference expects the pool to fail (rule 6, no host)
  kind: 'pooled' | 'aligned';
  host: string | null;
  method: string;
  budget: string;
  outturn: string;
  variance: string;
  reserveUsed: string;
  reserveCarried: string;
  unallocated: string;
  partners: RefPartner[];
  /** Situations the differential test treats specially (see differential.test.ts). */
  notes: string[];
}
export interface RefPayment {
  from: string;
  to: string;
  amount: string;
}
export interface RefResult {
  units: string;
  pools: RefPool[];
  positions: Array<{ partner: string; position: string }>;
  netting: {
    mode: string;
    grossCount: number;
    grossValue: string;
    payments: RefPayment[];
    netCount: number;
    netValue: string;
    grossPayments: RefPayment[];
    /** True when an aligned pool has 2+ debtors and 2+ creditors: the penny split of its
     * gross flows between pairs is not fixed by the spec (see READING in rule 9). */
    pairPenniesOpen: boolean;
  };
  schedules: Array<{ pool: string; partner: string; to: string; due: string; kind: string; amount: string }>;
}

// ---------------------------------------------------------------------------------------------
// Money rule
// ---------------------------------------------------------------------------------------------

/**
 * Money rule: split A over weights; each part A·wᵢ/Σw cut toward zero to 2 dp; the pennies left
 * over go one each to the parts with the largest cut-off remainders, ties by index order (the
 * caller orders the weights by partner order, or line order).
 * READING: for a negative A the split is done on |A| and negated (so "largest remainder" is by
 * magnitude, and the left-over pennies are negative pennies).
 */
export function split(a: Dec, weights: Dec[]): Dec[] {
  const n = weights.length;
  if (n === 0) return [];
  if (a.isZero()) return weights.map(() => ZERO);
  const total = weights.reduce((s, w) => s.plus(w), ZERO);
  if (total.isZero()) throw new Error('split over zero weights');
  const sign = a.isNegative() ? -1 : 1;
  const abs = a.abs();
  const raw = weights.map((w) => abs.times(w).div(total));
  const cut = raw.map((r) => r.toDecimalPlaces(2, Decimal.ROUND_DOWN));
  const rem = raw.map((r, i) => r.minus(cut[i]));
  let left = abs.minus(cut.reduce((s, c) => s.plus(c), ZERO));
  const order = [...Array(n).keys()].sort((i, j) => {
    const c = rem[j].comparedTo(rem[i]);
    return c !== 0 ? c : i - j;
  });
  const parts = cut.slice();
  for (const i of order) {
    if (left.lt(PENNY)) break;
    parts[i] = parts[i].plus(PENNY);
    left = left.minus(PENNY);
  }
  // Sub-penny residue (only if A itself is not whole pennies) goes to the first part in order.
  if (!left.isZero()) parts[order[0]] = parts[order[0]].plus(left);
  return parts.map((p) => (sign < 0 ? p.negated() : p));
}

const m2 = (d: Dec) => d.toFixed(2);
// READING 13: a dash typed alone (-, en or em dash) is 0.
const num = (v: unknown): Dec =>
  v === null || v === undefined || v === '' || (typeof v === 'string' && /^\s*[-–—]+\s*$/.test(v)) ? ZERO : new D(v as number | string);
// READING 12: an Income or Grant typed negative is a deduction of its size.
const deduction = (v: unknown): Dec => num(v).abs();
// READING 14: a row whose Pool, Line or Partner reads Total, Sub-total, Subtotal or Grand total is not data.
const isTotalRow = (r: Row): boolean =>
  ['Pool', 'Line', 'Partner'].some((k) => typeof r[k] === 'string' && /^(total|sub-?total|sub total|grand total):?$/i.test((r[k] as string).trim()));
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
const low = (v: unknown) => str(v).toLowerCase();
const sum = (xs: Dec[]) => xs.reduce((s, x) => s.plus(x), ZERO);

function addMonths(ym: string, k: number): string {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) + k;
  const yy = Math.floor(t / 12);
  const mm = (t % 12) + 1;
  return `${yy}-${String(mm).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

interface PoolWork {
  res: RefPool;
  kind: 'pooled' | 'aligned';
  host: string | null;
  members: string[];
  netBy: Map<string, Dec>;
  finalBy: Map<string, Dec>;
  balanceBy: Map<string, Dec>;
}

export function reference(input: RefWorkbook, opts: { netting?: string; today?: Date } = {}): RefResult {
  const T: RefWorkbook['tables'] = {};
  for (const [name, rows] of Object.entries(input.tables)) T[name] = name === 'Settings' ? rows : rows.filter((r) => !isTotalRow(r));
  const partnerOrder = (T.Partners ?? []).map((r) => str(r.Partner));
  const pidx = (p: string) => partnerOrder.indexOf(p);
  const byPartnerOrder = (ps: Iterable<string>) => [...new Set(ps)].sort((a, b) => pidx(a) - pidx(b));

  const settings = new Map<string, string>();
  for (const r of T.Settings ?? []) settings.set(low(r.Setting), str(r.Value));
  // READING: default Year start = "the April before today": April of today's year from April
  // on (a year that started this April), else April of the year before.
  const today = opts.today ?? new Date();
  const ty = today.getUTCFullYear();
  // READING 17: without the setting, the financial year (April-March) holding every payment's
  // Period (else Date), when they all fall in one; else the default.
  const fy = new Set<number>();
  for (const r of T.Payments ?? []) {
    const m = /^(\d{4})-(\d{2})/.exec(str(r.Period) || str(r.Date));
    if (m) fy.add(Number(m[2]) >= 4 ? Number(m[1]) : Number(m[1]) - 1);
  }
  const inferred = fy.size === 1 ? `${[...fy][0]}-04` : undefined;
  const yearStart = settings.get('year start') ?? inferred ?? `${today.getUTCMonth() >= 3 ? ty : ty - 1}-04`;
  const frequency = (settings.get('frequency') ?? 'monthly').toLowerCase();
  const nettingMode = opts.netting ?? (settings.get('netting') ?? 'multilateral').toLowerCase();

  const works: PoolWork[] = [];

  for (const poolRow of T.Pools ?? []) {
    const pool = str(poolRow.Pool);
    const kind = (low(poolRow.Kind) || 'pooled') as 'pooled' | 'aligned';
    const host = kind === 'pooled' ? str(poolRow.Host) || null : null;
    const method = low(poolRow.Method) || 'proportional';
    const reserve = num(poolRow.Reserve);
    const underspend = low(poolRow.Underspend) || 'share';
    const basis = low(poolRow.Basis) || 'net';

    const lines = (T.Lines ?? []).filter((r) => str(r.Pool) === pool);
    const lineNames = lines.map((l) => str(l.Line));
    const contribs = (T.Contributions ?? []).filter((r) => str(r.Pool) === pool);

    // READING: the partners of a pool are those with Contributions rows in it (plus the host),
    // listed in partner order.
    const members = byPartnerOrder([...contribs.map((r) => str(r.Partner)), ...(host ? [host] : [])]);

    // Rule 1: net per row, per partner, budget.
    const netBy = new Map<string, Dec>(members.map((p) => [p, ZERO]));
    const grossBy = new Map<string, Dec>(members.map((p) => [p, ZERO]));
    const spendBy = new Map<string, Dec>(members.map((p) => [p, ZERO]));
    const lineNet = new Map<string, Dec>(lineNames.map((l) => [l, ZERO]));
    const lineSpend = new Map<string, Dec>(lineNames.map((l) => [l, ZERO]));
    for (const r of contribs) {
      const p = str(r.Partner);
      const l = str(r.Line);
      const net = num(r.Gross).minus(deduction(r.Income)).minus(deduction(r.Grant));
      netBy.set(p, netBy.get(p)!.plus(net));
      grossBy.set(p, grossBy.get(p)!.plus(num(r.Gross)));
      spendBy.set(p, spendBy.get(p)!.plus(num(r.Spend)));
      lineNet.set(l, (lineNet.get(l) ?? ZERO).plus(net));
      lineSpend.set(l, (lineSpend.get(l) ?? ZERO).plus(num(r.Spend)));
    }
    const budget = sum([...netBy.values()]);

    // Rule 2: outturn. Aligned: the partners' Spend counts.
    const lineOut = new Map<string, Dec>();
    for (const l of lines) {
      const name = str(l.Line);
      lineOut.set(name, kind === 'aligned' ? lineSpend.get(name)! : num(l.Forecast));
    }
    const outturn = sum([...lineOut.values()]);
    const variance = outturn.minus(budget);

    // Rule 3: unagreed savings shortfalls charged in full to their partner.
    const chargeBy = new Map<string, Dec>(members.map((p) => [p, ZERO]));
    const lineCharge = new Map<string, Dec>(lineNames.map((l) => [l, ZERO]));
    for (const s of (T.Savings ?? []).filter((r) => str(r.Pool) === pool)) {
      const agreed = low(s.Agreed) === 'yes' || s.Agreed === true;
      if (agreed) continue;
      const shortfall = Decimal.max(ZERO, num(s.Planned).minus(num(s.Delivered)));
      const p = str(s.Partner);
      chargeBy.set(p, (chargeBy.get(p) ?? ZERO).plus(shortfall));
      lineCharge.set(str(s.Line), (lineCharge.get(str(s.Line)) ?? ZERO).plus(shortfall));
    }
    const v1 = variance.minus(sum([...chargeBy.values()]));

    // Rule 4: reserve.
    const absorbed = v1.gt(0) ? Decimal.min(v1, reserve) : ZERO;
    const v2 = v1.minus(absorbed);

    // Rule 5: share.
    const rs = (T.RiskShare ?? []).filter((r) => str(r.Pool) === pool);
    const basisW = members.map((p) => (basis === 'gross' ? grossBy.get(p)! : netBy.get(p)!));
    const shareBy = new Map<string, Dec>(members.map((p) => [p, ZERO]));
    const addTo = (ps: string[], parts: Dec[]) => ps.forEach((p, i) => shareBy.set(p, (shareBy.get(p) ?? ZERO).plus(parts[i])));
    let carried = ZERO;
    const notes: string[] = [];

    const shareByMethod = () => {
      if (method === 'proportional') {
        addTo(members, split(v2, basisW));
      } else if (method === 'fixed') {
        // Weights in partner order (the Money rule breaks ties by partner order).
        const rows = rs.filter((r) => r.Percent !== null && r.Percent !== undefined && str(r.Partner) !== '');
        const ps = byPartnerOrder(rows.map((r) => str(r.Partner)));
        const w = ps.map((p) => sum(rows.filter((r) => str(r.Partner) === p).map((r) => num(r.Percent))));
        addTo(ps, split(v2, w));
      } else if (method === 'lead') {
        // Each line's own variance, less its savings charges, less its part of the reserve
        // used. READING: "still overspent" = the line's variance less its savings charges is
        // > 0; the reserve is split over those lines by the Money rule (ties by line order),
        // weights = those post-savings overspends.
        const part = lineNames.map((l) => lineOut.get(l)!.minus(lineNet.get(l)!).minus(lineCharge.get(l)!));
        if (absorbed.gt(0)) {
          const over = lineNames.map((_, i) => i).filter((i) => part[i].gt(0));
          const rp = split(absorbed, over.map((i) => part[i]));
          over.forEach((i, k) => (part[i] = part[i].minus(rp[k])));
        }
        if (v2.isZero() && part.some((x) => !x.isZero())) notes.push('lead-v2-zero');
        lines.forEach((l, i) => {
          const lead = str(l.Lead);
          shareBy.set(lead, (shareBy.get(lead) ?? ZERO).plus(part[i]));
        });
      } else if (method === 'banded') {
        // READING: bands on |V₂|, each band's part split by its own method (the Money rule per
        // band), with V₂'s sign; a partner's share is the sum over bands.
        const mag = v2.abs();
        const sign = v2.isNegative() ? -1 : 1;
        const bandKey = (r: Row) => `${str(r.From)}|${str(r.To)}`;
        const bands = new Map<string, Row[]>();
        for (const r of rs) {
          if (r.From === null || r.From === undefined || r.From === '') continue;
          const k = bandKey(r);
          if (!bands.has(k)) bands.set(k, []);
          bands.get(k)!.push(r);
        }
        for (const rows of bands.values()) {
          const from = num(rows[0].From);
          const to = rows[0].To === null || rows[0].To === undefined || rows[0].To === '' ? null : num(rows[0].To);
          const top = to === null ? mag : Decimal.min(mag, to);
          const amt = Decimal.max(ZERO, top.minus(from));
          if (amt.isZero()) continue;
          const signed = sign < 0 ? amt.negated() : amt;
          const bm = low(rows[0]['Band method']) || 'proportional';
          if (bm === 'proportional') addTo(members, split(signed, basisW));
          else {
            const prow = rows.filter((r) => str(r.Partner) !== '');
            const ps = byPartnerOrder(prow.map((r) => str(r.Partner)));
            const w = ps.map((p) => sum(prow.filter((r) => str(r.Partner) === p).map((r) => num(r.Percent))));
            addTo(ps, split(signed, w));
          }
        }
      }
    };

    if (v2.lt(0) && underspend === 'reserve') {
      carried = v2.negated();
    } else if (v2.lt(0) && underspend === 'return') {
      addTo(members, split(v2, basisW));
    } else {
      shareByMethod();
    }

    // Rule 6: caps (overspend only).
    // READING: "uncapped partners" = partners not (yet) cut to their cap; each round cuts every
    // partner above its cap at once and splits the round's total excess over the rest by the
    // Money rule, weights = their step-5 shares (only those > 0 can receive: a zero or negative
    // step-5 share has no proportion to receive). Whatever cannot be placed falls to the host.
    let unallocated = ZERO;
    let failed: string | undefined;
    // READING 13: a blank Forecast on a pooled line that has contributions is an error.
    const funded = (l: Row) => contribs.some((c) => str(c.Line) === str(l.Line));
    if (kind === 'pooled' && lines.some((l) => str(l.Forecast) === '' && funded(l))) failed = 'blank forecast';
    if (v2.gt(0)) {
      const caps = new Map<string, Dec>();
      for (const r of rs) {
        if (r.Cap === null || r.Cap === undefined || r.Cap === '' || str(r.Partner) === '') continue;
        caps.set(str(r.Partner), num(r.Cap));
      }
      const step5 = new Map(shareBy);
      const cut = new Set<string>();
      for (let round = 0; round < 100; round++) {
        const breakers = [...shareBy.keys()].filter((p) => caps.has(p) && !cut.has(p) && shareBy.get(p)!.gt(caps.get(p)!));
        if (breakers.length === 0) break;
        let excess = ZERO;
        for (const p of breakers) {
          excess = excess.plus(shareBy.get(p)!.minus(caps.get(p)!));
          shareBy.set(p, caps.get(p)!);
          cut.add(p);
        }
        const receivers = byPartnerOrder([...shareBy.keys()]).filter((p) => !cut.has(p) && step5.get(p)!.gt(0));
        if (receivers.length === 0) {
          unallocated = unallocated.plus(excess);
          break;
        }
        addTo(receivers, split(excess, receivers.map((p) => step5.get(p)!)));
      }
      if (unallocated.gt(0)) {
        if (host) shareBy.set(host, (shareBy.get(host) ?? ZERO).plus(unallocated));
        else failed = 'caps cannot all hold and there is no host';
      }
    }

    // Rule 7, 8.
    const payments = (T.Payments ?? []).filter((r) => str(r.Pool) === pool);
    const paidBy = new Map<string, Dec>(members.map((p) => [p, ZERO]));
    for (const r of payments) paidBy.set(str(r.Partner), (paidBy.get(str(r.Partner)) ?? ZERO).plus(num(r.Amount)));
    if (kind === 'pooled' && host) {
      const others = sum(members.filter((p) => p !== host).map((p) => paidBy.get(p)!));
      paidBy.set(host, outturn.minus(absorbed).plus(carried).minus(others));
    } else {
      for (const p of members) paidBy.set(p, spendBy.get(p)!);
    }
    const finalBy = new Map<string, Dec>();
    const balanceBy = new Map<string, Dec>();
    const partnersOut: RefPartner[] = members.map((p) => {
      const net = netBy.get(p)!;
      const charge = chargeBy.get(p) ?? ZERO;
      const risk = shareBy.get(p) ?? ZERO;
      const fc = net.plus(charge).plus(risk);
      const bal = fc.minus(paidBy.get(p)!);
      finalBy.set(p, fc);
      balanceBy.set(p, bal);
      return {
        partner: p,
        net: m2(net),
        // READING: "to 6 decimals" rounded half-up.
        share: budget.isZero() ? '0.000000' : net.div(budget).toFixed(6, Decimal.ROUND_HALF_UP).replace(/^-(0\.0+)$/, '$1'),
        savingsCharge: m2(charge),
        riskShare: m2(risk),
        finalCost: m2(fc),
        paid: m2(paidBy.get(p)!),
        balance: m2(bal),
      };
    });

    works.push({
      kind,
      host,
      members,
      netBy,
      finalBy,
      balanceBy,
      res: {
        pool,
        failed,
        kind,
        host,
        method,
        budget: m2(budget),
        outturn: m2(outturn),
        variance: m2(variance),
        reserveUsed: m2(absorbed),
        reserveCarried: m2(carried),
        unallocated: m2(unallocated),
        partners: partnersOut,
        notes,
      },
    });
  }

  const ran = works.filter((w) => !w.res.failed);

  // Rule 9: positions, gross flows, netting.
  const pos = new Map<string, Dec>(partnerOrder.map((p) => [p, ZERO]));
  for (const w of ran) for (const [p, b] of w.balanceBy) pos.set(p, pos.get(p)!.plus(b));

  const gross: Array<{ from: string; to: string; amount: Dec }> = [];
  let pairPenniesOpen = false;
  for (const w of ran) {
    if (w.kind === 'pooled' && w.host) {
      for (const p of w.members) {
        if (p === w.host) continue;
        const b = w.balanceBy.get(p)!;
        if (b.gt(0)) gross.push({ from: p, to: w.host, amount: b });
        else if (b.lt(0)) gross.push({ from: w.host, to: p, amount: b.negated() });
      }
    } else {
      // READING: aligned pool: each debtor (partner order) splits its balance over the
      // creditors in proportion to what they are owed (Money rule, ties by partner order).
      // CAVEAT (found by the differential test): with 2+ debtors and 2+ creditors this keeps
      // every debtor's total exact but can leave a creditor a penny short or over, so the gross
      // flows no longer settle the balances exactly. The spec does not say how the pennies of
      // this two-way split fall; the test therefore compares such pairs to within a penny and
      // checks instead that the engine's flows settle every position exactly.
      const debtors = w.members.filter((p) => w.balanceBy.get(p)!.gt(0));
      const creditors = w.members.filter((p) => w.balanceBy.get(p)!.lt(0));
      if (debtors.length > 1 && creditors.length > 1) pairPenniesOpen = true;
      for (const d of debtors) {
        const parts = split(w.balanceBy.get(d)!, creditors.map((c) => w.balanceBy.get(c)!.negated()));
        creditors.forEach((c, i) => {
          if (!parts[i].isZero()) gross.push({ from: d, to: c, amount: parts[i] });
        });
      }
    }
  }
  const grossValue = sum(gross.map((g) => g.amount));

  let pays: Array<{ from: string; to: string; amount: Dec }> = [];
  if (nettingMode === 'gross') {
    pays = gross.slice();
  } else if (nettingMode === 'bilateral') {
    const pairNet = new Map<string, Dec>(); // key "a|b" with a before b: positive = a pays b
    for (const g of gross) {
      const [a, b] = pidx(g.from) < pidx(g.to) ? [g.from, g.to] : [g.to, g.from];
      const k = `${a}|${b}`;
      const signed = g.from === a ? g.amount : g.amount.negated();
      pairNet.set(k, (pairNet.get(k) ?? ZERO).plus(signed));
    }
    for (const [k, v] of pairNet) {
      const [a, b] = k.split('|');
      if (v.gt(0)) pays.push({ from: a, to: b, amount: v });
      else if (v.lt(0)) pays.push({ from: b, to: a, amount: v.negated() });
    }
  } else {
    const bal = new Map(pos);
    for (let i = 0; i < 1000; i++) {
      let debtor: string | null = null;
      let creditor: string | null = null;
      for (const p of partnerOrder) {
        const v = bal.get(p)!;
        if (v.gt(0) && (debtor === null || v.gt(bal.get(debtor)!))) debtor = p;
        if (v.lt(0) && (creditor === null || v.lt(bal.get(creditor)!))) creditor = p;
      }
      if (!debtor || !creditor) break;
      const amt = Decimal.min(bal.get(debtor)!, bal.get(creditor)!.negated());
      pays.push({ from: debtor, to: creditor, amount: amt });
      bal.set(debtor, bal.get(debtor)!.minus(amt));
      bal.set(creditor, bal.get(creditor)!.plus(amt));
    }
  }

  // Rule 10: schedules.
  const schedules: RefResult['schedules'] = [];
  for (const w of ran) {
    if (w.kind !== 'pooled' || !w.host) continue;
    const n = frequency === 'quarterly' ? 4 : 12;
    const step = frequency === 'quarterly' ? 3 : 1;
    for (const p of w.members) {
      if (p === w.host) continue;
      const parts = split(w.netBy.get(p)!, Array(n).fill(new D(1)));
      parts.forEach((a, i) =>
        schedules.push({ pool: w.res.pool, partner: p, to: w.host!, due: addMonths(yearStart, i * step), kind: 'instalment', amount: m2(a) }),
      );
      schedules.push({
        pool: w.res.pool,
        partner: p,
        to: w.host,
        due: addMonths(yearStart, 12),
        kind: 'balancing',
        amount: m2(w.finalBy.get(p)!.minus(w.netBy.get(p)!)),
      });
    }
  }

  const fmtPay = (x: { from: string; to: string; amount: Dec }) => ({ from: x.from, to: x.to, amount: m2(x.amount) });
  return {
    units: settings.get('units') ?? '£',
    pools: works.map((w) => w.res),
    positions: partnerOrder.map((p) => ({ partner: p, position: m2(pos.get(p)!) })),
    netting: {
      mode: nettingMode,
      grossCount: gross.length,
      grossValue: m2(grossValue),
      payments: pays.map(fmtPay),
      netCount: pays.length,
      netValue: m2(sum(pays.map((p) => p.amount))),
      grossPayments: gross.map(fmtPay),
      pairPenniesOpen,
    },
    schedules,
  };
}
