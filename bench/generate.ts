/**
 * Seeded generator of realistic Section 75 pool workbooks in the spec's JSON form
 * (`{ tables: {...} }`), for the benchmark. Same seed and size => byte-identical workbook.
 *
 * Shape: 8 partners; each pool takes 2 to 8 of them; pools up to 1,000; lines per pool so that
 * the Contributions table has exactly `rows` rows. Mix of methods (mostly proportional, some
 * fixed, lead and banded), a few aligned pools, reserves, caps, agreed and unagreed savings,
 * payments and settings. Every workbook is meant to run with no errors (warnings are allowed),
 * so the engine does the whole job: `bench/run.ts` checks that with the engine.
 *
 * Amounts are built in integer pennies so every typed figure (Net, Forecast, Spend) ties exactly.
 *
 *   node <out>/bench/generate.js --rows 10000 [--seed 75] [--periods 12] [--out file.json]
 */
import * as fs from 'fs';

export type Cell = number | string | null;
export type Row = Record<string, Cell>;
export interface GeneratedWorkbook {
  tables: Record<string, Row[]>;
}

export const DEFAULT_SEED = 75;

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG. Deterministic for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTNERS: Array<[string, string]> = [
  ['CC', 'County Council'],
  ['ICB', 'NHS Integrated Care Board'],
  ['DC1', 'Northfield District Council'],
  ['DC2', 'Southvale District Council'],
  ['DC3', 'Eastbrook District Council'],
  ['DC4', 'Westmoor District Council'],
  ['MHT', 'Mental Health Trust'],
  ['CCH', 'Community Health Trust'],
];

const SERVICES = [
  'Learning disabilities', 'Mental health', 'Acquired brain injury', 'Care homes',
  'Home care', 'Reablement', 'Equipment', 'Carers support', 'Disabled facilities grants',
  'Intermediate care', 'Hospital discharge', 'Assistive technology', 'Day opportunities',
  'Supported living', 'Respite', 'Community nursing',
];

/** Pennies -> a plain number with 2 decimals (exact as a double for amounts below 2^53 pennies). */
const money = (pennies: number): number => pennies / 100;

/** Pennies -> text as a user might type it: "1,234.50", "£1,234.50". */
function moneyText(pennies: number, pound: boolean): string {
  const neg = pennies < 0;
  const abs = Math.abs(pennies);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100).toString().padStart(2, '0');
  const s = `${pound ? '£' : ''}${whole}.${frac}`;
  return neg ? `-${s}` : s;
}

export interface GenerateOptions {
  /** Contribution rows (exact). */
  rows: number;
  seed?: number;
  /** Number of pools; default min(1000, max(2, rows / 100)). */
  pools?: number;
  /** Monitoring periods (monitoring.md): a `Forecasts` table for the first N months of the year; default none. */
  periods?: number;
}

export function generateWorkbook(opts: GenerateOptions): GeneratedWorkbook {
  const rnd = prng(opts.seed ?? DEFAULT_SEED);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number): boolean => rnd() < p;

  const totalRows = Math.max(2, Math.floor(opts.rows));
  const poolCount = Math.max(1, Math.min(1000, opts.pools ?? Math.max(2, Math.floor(totalRows / 100))));

  const partners: Row[] = PARTNERS.map(([code, name]) => ({ Partner: code, Name: name }));
  const pools: Row[] = [];
  const lines: Row[] = [];
  const contributions: Row[] = [];
  const riskShare: Row[] = [];
  const savings: Row[] = [];
  const payments: Row[] = [];

  // Plan: each pool gets k partners and enough lines to share the rows out evenly.
  let rowsLeft = totalRows;
  for (let p = 0; p < poolCount; p++) {
    const poolsLeft = poolCount - p;
    const k0 = int(2, 8);
    const k = Math.max(1, Math.min(k0, rowsLeft)); // rows of this pool are k × lines
    const wantRows = Math.max(k, Math.round(rowsLeft / poolsLeft));
    let nLines = Math.max(1, Math.floor(wantRows / k));
    if (p === poolCount - 1) nLines = Math.ceil(rowsLeft / k);
    // The last pool takes exactly what is left: full lines, then one short line.
    const poolRows = p === poolCount - 1 ? rowsLeft : Math.min(rowsLeft - (poolsLeft - 1), nLines * k);
    if (poolRows <= 0) break;
    rowsLeft -= poolRows;

    const pname = `Pool ${String(p + 1).padStart(4, '0')}`;
    // Partners of this pool: CC and ICB always (a Section 75 pool), then others at random.
    const others = PARTNERS.slice(2).map((x) => x[0]);
    for (let i = others.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [others[i], others[j]] = [others[j], others[i]];
    }
    const members = ['CC', 'ICB', ...others.slice(0, Math.max(0, k - 2))].slice(0, Math.max(2, k));
    // Keep partner order (the Partners table order) inside the pool.
    const order = PARTNERS.map((x) => x[0]);
    members.sort((a, b) => order.indexOf(a) - order.indexOf(b));

    const aligned = chance(0.06);
    const roll = rnd();
    const method = roll < 0.7 ? 'proportional' : roll < 0.8 ? 'fixed' : roll < 0.9 ? 'lead' : 'banded';
    const host = aligned ? null : chance(0.7) ? 'CC' : 'ICB';
    const basis = method === 'proportional' && chance(0.2) ? 'gross' : 'net';
    const underspend = aligned ? pick(['share', 'return'] as const) : pick(['share', 'share', 'return', 'reserve'] as const);

    // Lines and contributions, in pennies.
    const netByPartner = new Map<string, number>(members.map((m) => [m, 0]));
    let poolNet = 0;
    let poolOutturn = 0;
    const lineNames: string[] = [];
    let rowsMade = 0;
    for (let l = 0; rowsMade < poolRows; l++) {
      const base = SERVICES[l % SERVICES.length];
      const line = l < SERVICES.length ? base : `${base} ${Math.floor(l / SERVICES.length) + 1}`;
      lineNames.push(line);
      const lead = pick(members);
      const drift = (rnd() - 0.5) * 0.06; // forecast within ±3% of the line's net
      let lineNet = 0;
      let lineSpend = 0;
      const lineRows: Row[] = [];
      for (const partner of members) {
        if (rowsMade >= poolRows) break;
        rowsMade++;
        const gross = int(5_000_00, 2_500_000_00);
        const income = chance(0.4) ? Math.floor(gross * rnd() * 0.15) : 0;
        const grant = chance(0.15) ? Math.floor(gross * rnd() * 0.1) : 0;
        const net = gross - income - grant;
        lineNet += net;
        netByPartner.set(partner, (netByPartner.get(partner) ?? 0) + net);
        const row: Row = {
          Pool: pname,
          Line: line,
          Partner: partner,
          // Mostly numbers; some typed as text the way users do.
          Gross: chance(0.05) ? moneyText(gross, chance(0.5)) : money(gross),
          Income: income === 0 && chance(0.5) ? null : money(income),
          Grant: grant === 0 ? null : money(grant),
          Net: chance(0.5) ? money(net) : null,
        };
        if (aligned) {
          const spend = Math.round(net * (1 + drift + (rnd() - 0.5) * 0.01));
          lineSpend += spend;
          row.Spend = money(spend);
        }
        lineRows.push(row);
      }
      contributions.push(...lineRows);
      const forecast = aligned ? lineSpend : Math.round(lineNet * (1 + drift));
      poolNet += lineNet;
      poolOutturn += forecast;
      lines.push({ Pool: pname, Line: line, Lead: lead, Forecast: money(forecast) });
    }

    const reserve = !aligned && chance(0.4) ? Math.round(poolNet * 0.01 * rnd()) : 0;
    pools.push({
      Pool: pname,
      Kind: aligned ? 'aligned' : chance(0.5) ? 'pooled' : null,
      Host: host,
      Method: method === 'proportional' && chance(0.5) ? null : method,
      Reserve: reserve ? money(reserve) : null,
      Underspend: underspend === 'share' && chance(0.5) ? null : underspend,
      Basis: basis === 'net' && chance(0.7) ? null : basis,
    });

    // Fixed percentages over the members, totalling exactly 100 (whole or half percents).
    const percents = (): number[] => {
      const halves = members.map(() => 1 + int(0, 20));
      const sum = halves.reduce((a, b) => a + b, 0);
      const scaled = halves.map((h) => Math.floor((h * 200) / sum));
      let left = 200 - scaled.reduce((a, b) => a + b, 0);
      for (let i = 0; left > 0; i = (i + 1) % scaled.length, left--) scaled[i]++;
      return scaled.map((h) => h / 2);
    };
    if (method === 'fixed') {
      const pc = percents();
      members.forEach((m, i) => riskShare.push({ Pool: pname, Partner: m, Percent: pc[i] }));
    } else if (method === 'banded') {
      // First band shared equally-ish by fixed percents, the rest in proportion.
      const edge = money(int(1, 20) * 50_000_00);
      const pc = percents();
      members.forEach((m, i) =>
        riskShare.push({ Pool: pname, Partner: m, Percent: pc[i], From: 0, To: edge, 'Band method': 'fixed' }));
      riskShare.push({ Pool: pname, Partner: null, From: edge, To: null, 'Band method': 'proportional' });
    }
    // Caps on a few pooled, proportional pools (there is a host to take any excess).
    if (!aligned && method === 'proportional' && chance(0.15)) {
      const capped = members.find((m) => m !== host) ?? members[0];
      riskShare.push({ Pool: pname, Partner: capped, Cap: money(int(10_000_00, 500_000_00)) });
    }

    // Savings: about a third of pools carry one or two, some agreed.
    if (chance(0.35)) {
      const n = int(1, 2);
      for (let s = 0; s < n; s++) {
        const partner = pick(members);
        const planned = int(10_000_00, 300_000_00);
        const delivered = Math.floor(planned * (0.5 + rnd() * 0.6));
        savings.push({
          Pool: pname,
          Line: pick(lineNames),
          Partner: partner,
          Planned: money(planned),
          Delivered: money(delivered),
          Agreed: chance(0.5) ? 'yes' : chance(0.5) ? 'no' : null,
        });
      }
    }

    // Payments to the host: non-host partners have paid some quarters (never more than their net).
    if (!aligned && host) {
      for (const m of members) {
        if (m === host) continue;
        const net = netByPartner.get(m) ?? 0;
        const quarters = int(1, 3);
        const each = Math.floor(net / 4);
        for (let q = 0; q < quarters; q++) {
          payments.push({
            Pool: pname,
            Partner: m,
            Period: `2025-${String(4 + q * 3).padStart(2, '0')}`,
            Amount: money(each),
          });
        }
      }
    }
    void poolOutturn;
    if (rowsLeft <= 0) break;
  }

  const settings: Row[] = [
    { Setting: 'Units', Value: '£' },
    { Setting: 'Year start', Value: '2025-04' },
    { Setting: 'Frequency', Value: 'monthly' },
    { Setting: 'Netting', Value: 'multilateral' },
    { Setting: 'Materiality', Value: 5 },
  ];

  const tables: Record<string, Row[]> = {
    Partners: partners,
    Pools: pools,
    Lines: lines,
    Contributions: contributions,
    RiskShare: riskShare,
    Savings: savings,
    Payments: payments,
    Settings: settings,
  };
  if (opts.periods) tables.Forecasts = forecasts(tables, opts.periods, prng((opts.seed ?? DEFAULT_SEED) + 1));
  return { tables };
}

/**
 * A `Forecasts` table for `periods` months from 2025-04 (the Year start): each line's forecast
 * (aligned pools: each partner's Spend) drifts towards its year-end figure, which the last period
 * reaches exactly; about one row in six after the first period is left out (the line carries its
 * earlier forecast). Its own PRNG, so the other tables stay as they were without it.
 */
function forecasts(t: Record<string, Row[]>, periods: number, rnd: () => number): Row[] {
  const pennies = (v: Cell) => Math.round(Number(v) * 100);
  const aligned = new Set(t.Pools.filter((p) => p.Kind === 'aligned').map((p) => p.Pool));
  const tracks: Array<{ keys: Row; column: string; pennies: number }> = [
    ...t.Lines.filter((l) => !aligned.has(l.Pool))
      .map((l) => ({ keys: { Pool: l.Pool, Line: l.Line }, column: 'Forecast', pennies: pennies(l.Forecast) })),
    ...t.Contributions.filter((c) => aligned.has(c.Pool))
      .map((c) => ({ keys: { Pool: c.Pool, Line: c.Line, Partner: c.Partner }, column: 'Spend',
        pennies: pennies(c.Spend) })),
  ];
  const out: Row[] = [];
  for (let p = 0; p < periods; p++) {
    const period = `${2025 + Math.floor((3 + p) / 12)}-${String(((3 + p) % 12) + 1).padStart(2, '0')}`;
    const last = p === periods - 1;
    for (const tr of tracks) {
      if (p > 0 && !last && rnd() < 1 / 6) continue;
      const drift = last ? 0 : ((rnd() - 0.5) * 0.08 * (periods - 1 - p)) / periods;
      out.push({ ...tr.keys, Period: period, [tr.column]: money(Math.round(tr.pennies * (1 + drift))) });
    }
  }
  return out;
}

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rows = Number(arg('--rows') ?? '10000');
  const seed = Number(arg('--seed') ?? DEFAULT_SEED);
  const periods = Number(arg('--periods') ?? '0');
  const out = arg('--out');
  const wb = generateWorkbook({ rows, seed, periods });
  const text = JSON.stringify(wb);
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text + '\n');
}

if (require.main === module) main(process.argv.slice(2));
