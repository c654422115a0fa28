/**
 * fast-check generator of random VALID workbooks (JSON form) for the differential test.
 */
import fc from 'fast-check';

type Row = Record<string, string | number | null>;
export interface Tables {
  tables: Record<string, Row[]>;
}

const CODES = ['CC', 'ICB', 'DC', 'HA', 'PH'];
const pounds = (p: number) => p / 100;

export interface GenOptions {
  /** Restrict methods (for focused runs). */
  methods?: string[];
  kinds?: string[];
  /** Percent chance that a contribution row's income exceeds its gross (NEGATIVE_NET warning). */
  negativeNet?: number;
}

export function workbookArb(o: GenOptions = {}): fc.Arbitrary<Tables> {
  return fc.gen().map((g) => build(g, o));
}

function build(g: fc.GeneratorValue, o: GenOptions): Tables {
  const int = (min: number, max: number) => g(fc.integer, { min, max: Math.max(min, max) });
  const pick = <T>(xs: T[]): T => xs[int(0, xs.length - 1)];
  const chance = (pct: number) => int(1, 100) <= pct;

  const n = int(2, 5);
  const codes = CODES.slice(0, n);
  const T: Record<string, Row[]> = {
    Partners: codes.map((c) => ({ Partner: c, Name: `Partner ${c}` })),
    Pools: [],
    Lines: [],
    Contributions: [],
    RiskShare: [],
    Savings: [],
    Payments: [],
  };
  const yearStart = pick(['2025-04', '2024-04', '2026-04', '2025-01']);
  const [ysY, ysM] = yearStart.split('-').map(Number);
  const period = (k: number) => {
    const t = ysY * 12 + ysM - 1 + k;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  };

  const k = int(1, 4);
  for (let i = 1; i <= k; i++) {
    const pool = `Pool${i}`;
    const kind = pick(o.kinds ?? ['pooled', 'pooled', 'aligned']);
    let members = codes.filter(() => chance(70));
    while (members.length < 2) {
      const c = pick(codes);
      if (!members.includes(c)) members.push(c);
    }
    members = codes.filter((c) => members.includes(c));
    const host = kind === 'pooled' ? pick(members) : null;
    const method = pick(o.methods ?? ['proportional', 'fixed', 'lead', 'banded']);
    const underspend = pick(kind === 'pooled' ? ['share', 'return', 'reserve'] : ['share', 'return']);
    const basis = pick(['net', 'gross']);
    const nLines = int(1, 3);
    const lines = Array.from({ length: nLines }, (_, j) => `Line${j + 1}`);

    // Contributions (whole pennies). Every member has at least one row.
    const lineNet = new Map<string, number>();
    const lineSpend = new Map<string, number>();
    const netOf = new Map<string, number>();
    for (const line of lines) {
      lineNet.set(line, 0);
      lineSpend.set(line, 0);
    }
    members.forEach((p) => {
      const mine = lines.filter(() => chance(80));
      if (mine.length === 0) mine.push(pick(lines));
      for (const line of lines.filter((l) => mine.includes(l))) {
        const gross = int(1000, 5_000_000);
        const income = o.negativeNet && chance(o.negativeNet) ? gross + int(1, 100000) : chance(40) ? int(0, Math.floor(gross / 4)) : 0;
        const grant = chance(25) ? int(0, Math.floor(gross / 4)) : 0;
        const net = gross - income - grant;
        const row: Row = { Pool: pool, Line: line, Partner: p, Gross: pounds(gross) };
        // Readings 12 and 13: income typed negative (a deduction of its size); "-" for a zero.
        if (income || chance(50)) row.Income = income && chance(20) ? -pounds(income) : !income && chance(20) ? '-' : pounds(income);
        if (grant || chance(30)) row.Grant = pounds(grant);
        if (chance(50)) row.Net = pounds(net);
        if (kind === 'aligned') {
          const spend = Math.max(0, net + int(-Math.floor(net / 3), Math.floor(net / 3)));
          row.Spend = pounds(spend);
          lineSpend.set(line, lineSpend.get(line)! + spend);
        }
        T.Contributions.push(row);
        lineNet.set(line, lineNet.get(line)! + net);
        netOf.set(p, (netOf.get(p) ?? 0) + net);
      }
    });
    const budget = [...lineNet.values()].reduce((a, b) => a + b, 0);

    for (const line of lines) {
      const ln = lineNet.get(line)!;
      let forecast: number | null;
      // Aligned: Forecast as the sum of Spend, blank, or (SPEND_MISMATCH warning) typed otherwise.
      if (kind === 'aligned') forecast = pick([lineSpend.get(line)!, lineSpend.get(line)!, null, Math.max(0, ln + int(-1000, 1000))]);
      else forecast = Math.max(0, ln + int(-Math.floor(ln / 3), Math.floor(ln / 3)));
      T.Lines.push({ Pool: pool, Line: line, Lead: pick(members), Forecast: forecast === null ? null : pounds(forecast) });
    }
    // Reading 14: a Total row typed at the foot of the pool's lines is skipped.
    if (chance(15)) T.Lines.push({ Pool: pool, Line: pick(['Total', 'Sub-total', 'Grand total:']), Forecast: pounds(budget) });
    const reserve = kind === 'pooled' && chance(50) ? int(0, Math.floor(budget / 8)) : 0;
    const poolRow: Row = { Pool: pool, Kind: kind, Method: method, Underspend: underspend, Basis: basis };
    if (host) poolRow.Host = host;
    if (kind === 'pooled') poolRow.Reserve = pounds(reserve);
    T.Pools.push(poolRow);

    // Caps on some partners.
    const caps = new Map<string, number>();
    for (const p of members) if (chance(30)) caps.set(p, int(0, Math.max(1, Math.floor(budget / 10))));

    // Percents totalling 100: whole numbers, or (a third of the time) to 2 decimals.
    const percents = (): number[] => {
      const scale = chance(33) ? 100 : 1;
      const ps = members.map(() => scale);
      let rest = 100 * scale - members.length * scale;
      for (let j = 0; j < members.length - 1; j++) {
        const x = int(0, rest);
        ps[j] += x;
        rest -= x;
      }
      ps[members.length - 1] += rest;
      return ps.map((x) => x / scale);
    };
    if (method === 'fixed') {
      const ps = percents();
      members.forEach((p, j) => {
        const row: Row = { Pool: pool, Partner: p, Percent: ps[j] };
        if (caps.has(p)) row.Cap = pounds(caps.get(p)!);
        T.RiskShare.push(row);
      });
    } else if (method === 'banded') {
      // Two bands (fixed 0..X, proportional X..) or three (fixed, proportional X..Y, fixed Y..),
      // rows in a shuffled order.
      const x = int(1, Math.max(2, Math.floor(budget / 6)));
      const three = chance(40);
      const y = x + int(1, Math.max(2, Math.floor(budget / 6)));
      const rows: Row[] = [];
      const ps = percents();
      members.forEach((p, j) => {
        const row: Row = { Pool: pool, Partner: p, Percent: ps[j], From: 0, To: pounds(x), 'Band method': 'fixed' };
        if (caps.has(p)) row.Cap = pounds(caps.get(p)!);
        rows.push(row);
      });
      rows.push({ Pool: pool, Partner: null, From: pounds(x), To: three ? pounds(y) : null, 'Band method': 'proportional' });
      if (three) {
        const qs = percents();
        members.forEach((p, j) => rows.push({ Pool: pool, Partner: p, Percent: qs[j], From: pounds(y), To: null, 'Band method': 'fixed' }));
      }
      if (chance(50)) rows.reverse();
      T.RiskShare.push(...rows);
    } else {
      for (const [p, c] of caps) T.RiskShare.push({ Pool: pool, Partner: p, Cap: pounds(c) });
    }

    // Savings.
    const nSav = int(0, 2);
    for (let s = 0; s < nSav; s++) {
      const line = pick(lines);
      const p = pick(members);
      const planned = int(0, Math.max(1, Math.floor(lineNet.get(line)! / 10)));
      const delivered = int(0, Math.floor(planned * 1.2));
      const row: Row = { Pool: pool, Line: line, Partner: p, Planned: pounds(planned) };
      // Delivered blank = 0; Agreed blank = no.
      if (chance(85)) row.Delivered = pounds(delivered);
      row.Agreed = pick(['yes', 'no', 'no', null]);
      T.Savings.push(row);
    }

    // Payments by non-host partners of pooled pools.
    if (kind === 'pooled') {
      for (const p of members) {
        if (p === host) continue;
        const nPay = int(0, 2);
        for (let s = 0; s < nPay; s++)
          T.Payments.push({
            Pool: pool,
            Partner: p,
            ...(chance(70) ? { Period: period(int(0, 11)) } : { Date: `${period(int(0, 11))}-${String(int(1, 28)).padStart(2, '0')}` }),
            Amount: pounds(int(0, Math.floor(netOf.get(p)! * 0.6))),
          });
      }
    }
  }
  // Each setting present 85% of the time (absent: Year start = the April before "today",
  // monthly, multilateral).
  T.Settings = [
    { Setting: 'Year start', Value: yearStart },
    { Setting: 'Frequency', Value: pick(['monthly', 'quarterly']) },
    { Setting: 'Netting', Value: pick(['multilateral', 'bilateral', 'gross']) },
    { Setting: 'Units', Value: pick(['£', "£'000"]) },
  ].filter(() => chance(85));
  for (const t of ['RiskShare', 'Savings', 'Payments']) if (T[t].length === 0 && chance(50)) delete T[t];
  return { tables: T };
}
