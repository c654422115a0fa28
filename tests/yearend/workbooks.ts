/**
 * Hand-built workbooks for the year-end tests, each small enough to work by hand (the working is
 * in the comments). Every pool's forecast equals its budget unless said, so final cost = net
 * contribution (rule 7) and a balance is net − payments (rule 8).
 */
import type { RawRow, RunOptions, RunResult } from '../../src/engine';
import { run } from '../../src/engine';

export const TODAY = new Date('2026-11-25T12:00:00Z');

export function go(tables: Record<string, RawRow[]>, options: RunOptions = {}): RunResult {
  const t = { ...tables };
  if (!t.Settings) t.Settings = [{ Setting: 'Year start', Value: '2025-04' }];
  return run({ tables: t }, { today: TODAY, ...options });
}

const partners = (...codes: string[]) => codes.map((Partner) => ({ Partner }));

/** One pooled pool: a line forecast at its budget, one contribution row per partner. */
function pooled(pool: string, host: string, nets: Record<string, number>, forecast?: number) {
  const budget = Object.values(nets).reduce((a, b) => a + b, 0);
  return {
    Pools: [{ Pool: pool, Kind: 'pooled', Host: host, Method: 'proportional' }],
    Lines: [{ Pool: pool, Line: 'L', Lead: host, Forecast: forecast ?? budget }],
    Contributions: Object.entries(nets).map(([Partner, Gross]) => ({ Pool: pool, Line: 'L', Partner, Gross })),
  };
}

function merge(...parts: Array<Record<string, RawRow[]>>): Record<string, RawRow[]> {
  const out: Record<string, RawRow[]> = {};
  for (const p of parts) for (const [k, rows] of Object.entries(p)) out[k] = [...(out[k] ?? []), ...rows];
  return out;
}

/**
 * A star around the host CC: pool BCF, nets CC 400, ICB 300, DC 200, HA 100, forecast 1,000 (no
 * variance). Payments ICB 250, DC 230, HA 100. Balances (net − paid): ICB +50, DC −30, HA 0;
 * CC −(50 − 30 + 0) = −20. Positions CC −20, ICB +50, DC −30, HA 0. Routes: CC–ICB, CC–DC, CC–HA.
 * multilateral: ICB (50) pays the largest creditor DC 30 (no shared route!), then CC 20.
 */
export const star = merge(
  { Partners: partners('CC', 'ICB', 'DC', 'HA') },
  pooled('BCF', 'CC', { CC: 400, ICB: 300, DC: 200, HA: 100 }),
  { Payments: [
    { Pool: 'BCF', Partner: 'ICB', Period: '2025-04', Amount: 250 },
    { Pool: 'BCF', Partner: 'DC', Period: '2025-04', Amount: 230 },
    { Pool: 'BCF', Partner: 'HA', Period: '2025-04', Amount: 100 },
  ] },
);

/**
 * Two hosts sharing the partner ICB. Pool A (host CC): nets CC 500, ICB 500, forecast 1,000; ICB paid
 * 400: ICB +100, CC −100. Pool B (host DC): nets DC 500, ICB 500, forecast 880: underspend 120 shared
 * 60/60 (proportional), final costs 440 each; ICB paid 500: ICB −60; DC has put in 880 − 500 = 380:
 * DC +60. Positions CC −100, ICB +40, DC +60. Routes CC–ICB (A), ICB–DC (B); none CC–DC.
 */
export const twoHosts = merge(
  { Partners: partners('CC', 'ICB', 'DC') },
  pooled('A', 'CC', { CC: 500, ICB: 500 }),
  pooled('B', 'DC', { DC: 500, ICB: 500 }, 880),
  { Payments: [
    { Pool: 'A', Partner: 'ICB', Period: '2025-04', Amount: 400 },
    { Pool: 'B', Partner: 'ICB', Period: '2025-04', Amount: 500 },
  ] },
);

/**
 * An aligned pool AL joining ICB and DC, and a pooled pool A (host CC) with ICB. A: nets CC 500, ICB
 * 500, ICB paid 400: ICB +100, CC −100. AL: nets ICB 500, DC 500; Spend ICB 600, DC 400, outturn
 * 1,000 = budget: final costs 500 each, put in = Spend: ICB −100, DC +100 (reading 6: DC pays ICB
 * 100). Positions CC −100, ICB 0, DC +100. Routes CC–ICB (A), ICB–DC (AL).
 */
export const alignedJoin = merge(
  { Partners: partners('CC', 'ICB', 'DC') },
  pooled('A', 'CC', { CC: 500, ICB: 500 }),
  {
    Pools: [{ Pool: 'AL', Kind: 'aligned', Method: 'proportional' }],
    Lines: [{ Pool: 'AL', Line: 'M', Forecast: 1000 }],
    Contributions: [
      { Pool: 'AL', Line: 'M', Partner: 'ICB', Gross: 500, Spend: 600 },
      { Pool: 'AL', Line: 'M', Partner: 'DC', Gross: 500, Spend: 400 },
    ],
    Payments: [{ Pool: 'A', Partner: 'ICB', Period: '2025-04', Amount: 400 }],
  },
);

/**
 * The spec's example (workbook.md, "Results"): BCF hosted by CC, nets CC 600, ICB 400, outturn 1,100;
 * variance 100 shared 60/40: final costs CC 660, ICB 440. `paid` is ICB's payments.
 */
export function specExample(paid: number[], settings: RawRow[] = []): Record<string, RawRow[]> {
  return {
    Partners: partners('CC', 'ICB'),
    Pools: [{ Pool: 'BCF', Kind: 'pooled', Host: 'CC', Method: 'proportional' }],
    Lines: [{ Pool: 'BCF', Line: 'Community', Lead: 'CC', Forecast: 1100 }],
    Contributions: [
      { Pool: 'BCF', Line: 'Community', Partner: 'CC', Gross: 600 },
      { Pool: 'BCF', Line: 'Community', Partner: 'ICB', Gross: 400 },
    ],
    Payments: paid.map((Amount) => ({ Pool: 'BCF', Partner: 'ICB', Period: '2025-04', Amount })),
    Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Materiality', Value: 10 }, ...settings],
  };
}
