/**
 * Risk-share options (options.md): every option by every scenario is the year end run on the
 * workbook with that option's arrangement and that scenario's outturns; hand-worked figures on a
 * small pool, and the example's pools compared with `run` on the whole substituted workbook.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { options } from '../../src/engine/options';
import { run } from '../../src/engine';
import { isFailedPool, type RawRow } from '../../src/engine/types';
import { TODAY } from './helpers';
import { workbookArb } from '../oracle/gen';

type Tables = Record<string, RawRow[]>;
const example = (): Tables => JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/poolshare-example.json'),
  'utf8')).tables;

/** One proportional pool P hosted by CC: CC 600, ICB 400 on one line; outturn 1,100 (overspend 100). */
const small = (extra: Tables = {}): Tables => ({
  Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
  Settings: [{ Setting: 'Year start', Value: '2025-04' }],
  Pools: [{ Pool: 'P', Host: 'CC' }, { Pool: 'Q', Host: 'ICB' }],
  Lines: [{ Pool: 'P', Line: 'L', Forecast: 1100 }, { Pool: 'Q', Line: 'M', Forecast: 500 }],
  Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 },
    { Pool: 'Q', Line: 'M', Partner: 'CC', Gross: 250 }, { Pool: 'Q', Line: 'M', Partner: 'ICB', Gross: 250 }],
  ...extra,
});

const risk = (e: { partners?: Array<{ partner: string; riskShare: string }> }) =>
  Object.fromEntries((e.partners ?? []).map((p) => [p.partner, p.riskShare]));

describe('options by hand', () => {
  const r = options({ tables: small({
    Options: [
      { Option: 'Fifty-fifty', Pool: 'P', Method: 'fixed', Partner: 'CC', Percent: 50 },
      { Option: 'Fifty-fifty', Pool: 'P', Partner: 'ICB', Percent: 50 },
      { Option: 'ICB capped', Pool: 'P', Partner: 'ICB', Cap: 10 },
    ],
    Scenarios: [{ Scenario: 'Better', Pool: 'P', Line: 'L', Forecast: 900 }],
  }) }, { today: TODAY });

  it('lists Current and Forecast first, then the names as typed', () => {
    expect([r.options, r.scenarios]).toEqual([['Current', 'Fifty-fifty', 'ICB capped'], ['Forecast', 'Better']]);
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });

  it('gives each partner\'s risk share under each option and scenario (hand-worked)', () => {
    const p = r.pools.find((x) => x.pool === 'P')!.results;
    expect(p.map((e) => [e.option, e.scenario, e.variance, risk(e)])).toEqual([
      // Proportional: 100 overspend 60/40; the better year, 100 under, shared back 60/40.
      ['Current', 'Forecast', '100.00', { CC: '60.00', ICB: '40.00' }],
      ['Current', 'Better', '-100.00', { CC: '-60.00', ICB: '-40.00' }],
      // Fixed 50/50.
      ['Fifty-fifty', 'Forecast', '100.00', { CC: '50.00', ICB: '50.00' }],
      ['Fifty-fifty', 'Better', '-100.00', { CC: '-50.00', ICB: '-50.00' }],
      // ICB's overspend capped at 10: CC takes the other 30; an underspend is not capped.
      ['ICB capped', 'Forecast', '100.00', { CC: '90.00', ICB: '10.00' }],
      ['ICB capped', 'Better', '-100.00', { CC: '-60.00', ICB: '-40.00' }],
    ]);
  });

  it('keeps the figures of a pool that neither the option nor the scenario names', () => {
    const q = r.pools.find((x) => x.pool === 'Q')!.results;
    const base = JSON.stringify({ ...q[0], option: undefined, scenario: undefined });
    for (const e of q) expect(JSON.stringify({ ...e, option: undefined, scenario: undefined })).toBe(base);
  });

  it('says what is wrong in Options and Scenarios on their cells, and runs the rest', () => {
    const bad = options({ tables: small({
      Options: [
        { Option: 'current', Pool: 'P', Method: 'fixed' },
        { Option: 'Mixed', Pool: 'P', Method: 'fixed', Partner: 'CC', Percent: 100 },
        { Option: 'Mixed', Pool: 'P', Method: 'proportional' },
        { Option: 'Nowhere', Pool: 'Z', Method: 'fixed' },
      ],
      Scenarios: [{ Scenario: ' FORECAST ', Pool: 'P', Line: 'L', Forecast: 1 }, { Scenario: 'Odd', Pool: 'P', Line: 'X', Forecast: 1 }],
    }) }, { today: TODAY });
    const errs = bad.warnings.filter((w) => w.severity === 'error').map((w) => [w.code, w.table, w.row, w.column]);
    expect(errs).toEqual([
      ['RESERVED_NAME', 'Options', 1, 'Option'], ['OPTION_CONFLICT', 'Options', 3, 'Method'],
      ['UNKNOWN_OPTION_POOL', 'Options', 4, 'Pool'],
      ['RESERVED_NAME', 'Scenarios', 1, 'Scenario'], ['UNKNOWN_OPTION_POOL', 'Scenarios', 2, 'Line'],
    ]);
    const mixed = bad.pools.find((x) => x.pool === 'P')!.results.filter((e) => e.option === 'Mixed');
    expect(mixed.every((e) => e.errors?.[0].code === 'OPTION_CONFLICT')).toBe(true);
    expect(bad.pools.find((x) => x.pool === 'P')!.results[0].variance).toBe('100.00');
  });
});

describe('options on the example: each entry is run on the whole substituted workbook', () => {
  const t = example();
  t.Options = [
    { Option: 'Even', Pool: 'LD', Method: 'fixed', Partner: 'CC', Percent: 50 },
    { Option: 'Even', Pool: 'LD', Partner: 'ICB', Percent: 50 },
    { Option: 'Even', Pool: 'BCF', Reserve: 0, Underspend: 'return' },
  ];
  t.Scenarios = [
    { Scenario: 'Worse', Pool: 'LD', Line: 'Supported living', Forecast: 31000000 },
    { Scenario: 'Worse', Pool: 'BCF', Line: 'Community health services', Forecast: 6500000 },
  ];
  const r = options({ tables: t }, { today: TODAY });

  /** The whole workbook with the option's and scenario's substitutions done by hand. */
  function byHand(option: string, scenario: string): ReturnType<typeof run> {
    const w: Tables = JSON.parse(JSON.stringify(example()));
    if (option === 'Even') {
      w.Pools = w.Pools.map((p) => (p.Pool === 'LD' ? { ...p, Method: 'fixed' } : p.Pool === 'BCF'
        ? { ...p, Reserve: 0, Underspend: 'return' } : p));
      w.RiskShare = [...w.RiskShare.filter((x) => x.Pool !== 'LD'), { Pool: 'LD', Partner: 'CC', Percent: 50 },
        { Pool: 'LD', Partner: 'ICB', Percent: 50 }];
    }
    if (scenario === 'Worse') {
      w.Lines = w.Lines.map((l) => (l.Pool === 'LD' && l.Line === 'Supported living' ? { ...l, Forecast: 31000000 }
        : l.Pool === 'BCF' && l.Line === 'Community health services' ? { ...l, Forecast: 6500000 } : l));
      w.Forecasts = w.Forecasts.filter((f) => !((f.Pool === 'LD' && f.Line === 'Supported living')
        || (f.Pool === 'BCF' && f.Line === 'Community health services')));
    }
    return run({ tables: w }, { today: TODAY });
  }

  it('matches run, pool by pool, for every option and scenario', () => {
    let compared = 0;
    for (const option of r.options) {
      for (const scenario of r.scenarios) {
        const want = byHand(option, scenario);
        for (const pool of r.pools) {
          const got = pool.results.find((e) => e.option === option && e.scenario === scenario)!;
          const p = want.pools.find((x) => x.pool === pool.pool)!;
          if (isFailedPool(p)) {
            expect(got.errors?.length).toBeGreaterThan(0);
            continue;
          }
          expect({ option, scenario, pool: pool.pool, variance: got.variance, partners: got.partners }).toEqual({
            option, scenario, pool: pool.pool, variance: p.variance,
            partners: p.partners.map((x) => ({ partner: x.partner, savingsCharge: x.savingsCharge, riskShare: x.riskShare,
              finalCost: x.finalCost })) });
          compared++;
        }
      }
    }
    expect(compared).toBe(4 * 5);
  });
});

describe('property: every option by scenario is run on the whole substituted workbook', () => {
  // A second, independent substitution: the whole workbook, nothing narrowed, no year pinned.
  function substitute(t: Tables, opt: RawRow[] | null, scen: RawRow[] | null): Tables {
    const w: Tables = JSON.parse(JSON.stringify(t));
    delete w.Options;
    delete w.Scenarios;
    for (const o of opt ?? []) {
      w.Pools = w.Pools.map((p) => (p.Pool === o.Pool ? { ...p, Method: 'fixed' } : p));
    }
    if (opt) {
      const pools = new Set(opt.map((o) => o.Pool));
      w.RiskShare = [...(w.RiskShare ?? []).filter((r) => !pools.has(r.Pool)),
        ...opt.map((o) => ({ Pool: o.Pool, Partner: o.Partner, Percent: o.Percent }))];
    }
    for (const s of scen ?? []) {
      w.Lines = w.Lines.map((l) => (l.Pool === s.Pool && l.Line === s.Line ? { ...l, Forecast: s.Forecast } : l));
    }
    return w;
  }

  it('equals run for every pool, option and scenario', () => {
    fc.assert(fc.property(workbookArb({ kinds: ['pooled'] }), fc.gen(), (wb, g) => {
      const t = wb.tables as Tables;
      if (t.Settings.every((s) => s.Setting !== 'Year start')) t.Settings.push({ Setting: 'Year start', Value: '2025-04' });
      const pool = t.Pools[g(fc.integer, { min: 0, max: t.Pools.length - 1 })].Pool;
      const partners = t.Partners.map((p) => p.Partner);
      const pct = g(fc.integer, { min: 0, max: 100 });
      const opt = [{ Option: 'Alt', Pool: pool, Method: 'fixed', Partner: partners[0], Percent: pct },
        { Option: 'Alt', Pool: pool, Partner: partners[1], Percent: 100 - pct }];
      const line = t.Lines[g(fc.integer, { min: 0, max: t.Lines.length - 1 })];
      const scen = [{ Scenario: 'Other', Pool: line.Pool, Line: line.Line,
        Forecast: g(fc.integer, { min: 0, max: 5_000_000 }) / 100 }];
      const r = options({ tables: { ...t, Options: opt, Scenarios: scen } }, { today: TODAY });
      for (const [o, os] of [['Current', null], ['Alt', opt]] as const) {
        for (const [s, ss] of [['Forecast', null], ['Other', scen]] as const) {
          const want = run({ tables: substitute(t, os as RawRow[] | null, ss as RawRow[] | null) }, { today: TODAY });
          for (const p of r.pools) {
            const got = p.results.find((e) => e.option === o && e.scenario === s)!;
            const rp = want.pools.find((x) => x.pool === p.pool)!;
            if (isFailedPool(rp)) {
              expect(got.errors?.length ?? 0).toBeGreaterThan(0);
              continue;
            }
            expect({ o, s, pool: p.pool, variance: got.variance, partners: got.partners }).toEqual({ o, s, pool: p.pool,
              variance: rp.variance, partners: rp.partners.map((x) => ({ partner: x.partner, savingsCharge: x.savingsCharge,
                riskShare: x.riskShare, finalCost: x.finalCost })) });
          }
        }
      }
    }), { numRuns: 60 });
  });
});

describe('warnings point at the cell the user typed (options.md: "the Options or Scenarios row that caused them")', () => {
  const errorsOf = (r: ReturnType<typeof options>, pool: string, option: string, scenario = 'Forecast') =>
    r.pools.find((p) => p.pool === pool)!.results.find((e) => e.option === option && e.scenario === scenario)!.errors ?? [];

  test('an option\'s value, an option\'s risk-share rows and a scenario\'s forecast: on their Options or Scenarios cell', () => {
    const r = options({ tables: small({
      Options: [{ Option: 'Neg', Pool: 'Q', Reserve: -5 },
        { Option: 'Bad', Pool: 'P', Method: 'fixed', Partner: 'CC', Percent: 60 }, { Option: 'Bad', Pool: 'P', Partner: 'ICB', Percent: 30 }],
      Scenarios: [{ Scenario: 'Typo', Pool: 'Q', Line: 'M', Forecast: 'abc' }],
    }) }, { today: TODAY });
    expect(errorsOf(r, 'Q', 'Neg').map((e) => [e.code, e.table, e.row, e.column, e.message.split(':')[0]]))
      .toEqual([['INVALID_VALUE', 'Options', 1, 'Reserve', 'Options row 1, column Reserve']]);
    expect(errorsOf(r, 'P', 'Bad').map((e) => [e.code, e.table, e.row, e.message.split(':')[0]]))
      .toEqual([['PERCENT_TOTAL', 'Options', 2, 'Options row 2']]);
    expect(errorsOf(r, 'Q', 'Current', 'Typo').map((e) => [e.code, e.table, e.row, e.column, e.message.split(':')[0]]))
      .toEqual([['NOT_A_NUMBER', 'Scenarios', 1, 'Forecast', 'Scenarios row 1, column Forecast']]);
    // The result's warnings list each once, though Typo's error stops two entries (Current and Neg): exit 1, not 0.
    expect(r.warnings.filter((x) => x.severity === 'error').map((x) => [x.code, x.table, x.row]).sort()).toEqual([
      ['INVALID_VALUE', 'Options', 1], ['NOT_A_NUMBER', 'Scenarios', 1], ['PERCENT_TOTAL', 'Options', 2]]);
  });

  test('a run on the pools an option names keeps the rows\' own numbers (Q\'s line is Lines row 2, not 1)', () => {
    const r = options({ tables: small({ Options: [{ Option: 'Led', Pool: 'Q', Method: 'lead' }] }) }, { today: TODAY });
    expect(errorsOf(r, 'Q', 'Led').map((e) => [e.code, e.table, e.row, e.column, e.message.split(':')[0]]))
      .toEqual([['NO_LEAD', 'Lines', 2, 'Lead', 'Lines row 2, column Lead']]);
    expect(r.warnings.filter((x) => x.code === 'NO_LEAD')).toHaveLength(1); // an error the option caused, listed
  });

  test('through a workbook: the sheet and cell of the Options row', () => {
    const locate = (table: string, row: number, column?: string) =>
      ({ sheet: table, cell: `${column === 'Reserve' ? 'C' : 'A'}${row + 1}` });
    const r = options({ tables: small({ Options: [{ Option: 'Neg', Pool: 'Q', Reserve: -5 }] }), locate }, { today: TODAY });
    expect(errorsOf(r, 'Q', 'Neg')[0]).toMatchObject({ table: 'Options', row: 1, sheet: 'Options', cell: 'C2' });
  });
});

describe('ambiguous rows are errors on their cells, never silently the last one', () => {
  test('a scenario giving one line twice: DUPLICATE_ROW on the later row, that scenario and pool has no figures', () => {
    const r = options({ tables: small({ Scenarios: [{ Scenario: 'Worse', Pool: 'P', Line: 'L', Forecast: 1200 },
      { Scenario: 'Worse', Pool: 'P', Line: 'L', Forecast: 1300 }, { Scenario: 'Worse', Pool: 'Q', Line: 'M', Forecast: 600 }] }) },
    { today: TODAY });
    const entry = (pool: string, scenario: string) => r.pools.find((p) => p.pool === pool)!.results.find((e) => e.scenario === scenario)!;
    expect(entry('P', 'Worse').errors?.map((e) => [e.code, e.table, e.row, e.column])).toEqual([['DUPLICATE_ROW', 'Scenarios', 2, 'Line']]);
    expect(entry('P', 'Worse').errors?.[0].message).toMatch(/^Scenarios row 2, column Line: the scenario already gives line L of pool P in Scenarios row 1; keep one\./);
    expect(entry('P', 'Worse').partners).toBeUndefined();
    expect(entry('P', 'Forecast').partners).toBeDefined();
    expect(entry('Q', 'Worse').outturn).toBe('600.00'); // the scenario's other pool still runs
  });

  test('two options in conflict on one pool: each lists only its own conflict', () => {
    const r = options({ tables: small({ Options: [
      { Option: 'A', Pool: 'P', Method: 'fixed' }, { Option: 'A', Pool: 'P', Method: 'lead' },
      { Option: 'B', Pool: 'P', Reserve: 5 }, { Option: 'B', Pool: 'P', Reserve: 10 }] }) }, { today: TODAY });
    const errors = (option: string) => r.pools.find((p) => p.pool === 'P')!.results.find((e) => e.option === option)!.errors!
      .map((e) => [e.code, e.row, e.column]);
    expect(errors('A')).toEqual([['OPTION_CONFLICT', 2, 'Method']]);
    expect(errors('B')).toEqual([['OPTION_CONFLICT', 4, 'Reserve']]);
  });
});

test('blank rows of Options and Scenarios are skipped, as in every table', () => {
  const r = options({ tables: small({ Options: [{}, { Option: null, Pool: '  ' }, { Option: 'Even', Pool: 'P', Method: 'fixed',
    Partner: 'CC', Percent: 50 }, { Option: 'Even', Pool: 'P', Partner: 'ICB', Percent: 50 }], Scenarios: [{ Scenario: '' }] }) },
  { today: TODAY });
  expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  expect(r.options).toEqual(['Current', 'Even']);
});
