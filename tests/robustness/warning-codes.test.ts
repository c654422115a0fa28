/**
 * Every warning code of src/engine/types.ts's WarningCode union is produced by some malformed
 * workbook, built here by hand from the spec (docs/rules.md), and each warning names where the
 * problem is: the table, the row and the column, in its fields and in its message. A pool with
 * an error gets no figures; the other pools still run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/engine';
import type { RawRow, RunResult, Warning, WarningCode, WorkbookInput } from '../../src/engine/types';
import { readWorkbook } from '../../src/workbook/read';
import { checkInvariants, KNOWN_CODES } from './invariants';

type Tables = Record<string, RawRow[]>;
const TODAY = { today: new Date(Date.UTC(2025, 9, 1)) };

/** A small valid workbook: one pooled proportional pool BCF hosted by CC, variance 2% (below materiality). */
function base(): Tables {
  return {
    Partners: [{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB', Name: 'Integrated Care Board' }],
    Pools: [{ Pool: 'BCF', Kind: 'pooled', Host: 'CC', Method: 'proportional' }],
    Lines: [{ Pool: 'BCF', Line: 'Reablement', Lead: 'CC', Forecast: 1020 }],
    Contributions: [
      { Pool: 'BCF', Line: 'Reablement', Partner: 'CC', Gross: 600, Income: 0, Grant: 0, Net: 600 },
      { Pool: 'BCF', Line: 'Reablement', Partner: 'ICB', Gross: 400, Income: null, Grant: null, Net: null },
    ],
    Payments: [{ Pool: 'BCF', Partner: 'ICB', Period: '2025-04', Amount: 100 }],
    Settings: [{ Setting: 'Year start', Value: '2025-04' }],
  };
}

/** A second, untouched pool, so we can see that a broken pool does not stop the others. */
function withSecondPool(t: Tables): Tables {
  t.Pools.push({ Pool: 'LD', Kind: 'pooled', Host: 'ICB', Method: 'proportional' });
  t.Lines.push({ Pool: 'LD', Line: 'Supported living', Lead: 'ICB', Forecast: 2000 });
  t.Contributions.push(
    { Pool: 'LD', Line: 'Supported living', Partner: 'CC', Gross: 1000 },
    { Pool: 'LD', Line: 'Supported living', Partner: 'ICB', Gross: 1000 },
  );
  return t;
}

/** BCF shared in two bands: 0 to 100 fixed 50:50, then from `secondFrom` with no limit in proportion. */
function twoBands(t: Tables, secondFrom: number): void {
  t.Pools[0].Method = 'banded';
  t.RiskShare = [
    { Pool: 'BCF', Partner: 'CC', Percent: 50, From: 0, To: 100, 'Band method': 'fixed' },
    { Pool: 'BCF', Partner: 'ICB', Percent: 50, From: 0, To: 100, 'Band method': 'fixed' },
    { Pool: 'BCF', Partner: null, From: secondFrom, To: null, 'Band method': 'proportional' },
  ];
}

interface Case {
  code: WarningCode;
  /** Breaks the valid workbook. */
  make: (t: Tables) => void;
  table: string;
  row?: number;
  column?: string;
  /** Text the message must contain besides the place (a value, a nearest name). */
  mentions?: string[];
  /** The pool the warning stops (errors) or belongs to. */
  pool?: string;
  /**
   * The warning is about a pool as a whole or a total over several rows (a variance, the sum of
   * a partner's payments): its message names the pool or table, and the row is in its fields.
   */
  aggregate?: boolean;
}

const CASES: Case[] = [
  { code: 'MISSING_TABLE', make: (t) => { delete t.Lines; }, table: 'Lines' },
  {
    code: 'MISSING_COLUMN',
    make: (t) => { for (const r of t.Contributions) delete r.Gross; },
    table: 'Contributions', column: 'Gross',
  },
  { code: 'NOT_A_NUMBER', make: (t) => { t.Contributions[1].Gross = 'four hundred'; }, table: 'Contributions', row: 2, column: 'Gross', mentions: ['four hundred'], pool: 'BCF' },
  { code: 'BLANK_REQUIRED', make: (t) => { t.Contributions[1].Partner = '  '; }, table: 'Contributions', row: 2, column: 'Partner', pool: 'BCF' },
  // A blank Forecast on a line with no contributions (with contributions it is BLANK_REQUIRED: tests/engine/readings.test.ts).
  { code: 'BLANK_AS_ZERO', make: (t) => { t.Lines.push({ Pool: 'BCF', Line: 'Spare', Forecast: null }); }, table: 'Lines', row: 3, column: 'Forecast', mentions: ['Spare'], pool: 'BCF' },
  { code: 'INVALID_VALUE', make: (t) => { t.Pools[0].Kind = 'hosted'; }, table: 'Pools', row: 1, column: 'Kind', mentions: ['hosted'], pool: 'BCF' },
  { code: 'UNKNOWN_PARTNER', make: (t) => { t.Contributions[1].Partner = 'ICBB'; }, table: 'Contributions', row: 2, column: 'Partner', mentions: ['ICBB', 'Did you mean ICB?'], pool: 'BCF' },
  {
    code: 'UNKNOWN_POOL',
    make: (t) => { t.Contributions.push({ Pool: 'BFC', Line: 'Reablement', Partner: 'CC', Gross: 5 }); },
    table: 'Contributions', row: 5, column: 'Pool', mentions: ['BFC', 'Did you mean BCF?'],
  },
  {
    code: 'UNKNOWN_LINE',
    make: (t) => { t.Contributions[1].Line = 'Reablment'; },
    table: 'Contributions', row: 2, column: 'Line', mentions: ['Reablment', 'Did you mean Reablement?'], pool: 'BCF',
  },
  { code: 'UNKNOWN_SETTING', make: (t) => { t.Settings.push({ Setting: 'Colour', Value: 'red' }); }, table: 'Settings', row: 2, column: 'Setting', mentions: ['Colour'] },
  { code: 'DUPLICATE_ROW', make: (t) => { t.Partners.push({ Partner: 'CC', Name: 'Again' }); }, table: 'Partners', row: 3, column: 'Partner', mentions: ['CC'] },
  { code: 'NET_MISMATCH', make: (t) => { t.Contributions[0].Net = 650; }, table: 'Contributions', row: 1, column: 'Net', mentions: ['650.00', '600.00', '50.00'], pool: 'BCF' },
  {
    code: 'PERCENT_TOTAL',
    make: (t) => {
      t.Pools[0].Method = 'fixed';
      t.RiskShare = [{ Pool: 'BCF', Partner: 'CC', Percent: 60 }, { Pool: 'BCF', Partner: 'ICB', Percent: 30 }];
    },
    table: 'RiskShare', mentions: ['90', '100'], pool: 'BCF',
  },
  {
    code: 'BAND_GAP',
    make: (t) => twoBands(t, 200), // 0-100 then 200 up: a gap
    table: 'RiskShare', row: 3, column: 'From', mentions: ['100.00', '200.00'], pool: 'BCF',
  },
  {
    code: 'BAND_OVERLAP',
    make: (t) => twoBands(t, 50), // 0-100 then 50 up: an overlap
    table: 'RiskShare', row: 3, column: 'From', mentions: ['50.00'], pool: 'BCF',
  },
  { code: 'NO_HOST', make: (t) => { t.Pools[0].Host = null; }, table: 'Pools', row: 1, column: 'Host', mentions: ['BCF'], pool: 'BCF' },
  { code: 'HOST_NOT_PARTNER', make: (t) => { t.Pools[0].Host = 'CCC'; }, table: 'Pools', row: 1, column: 'Host', mentions: ['CCC', 'CC'], pool: 'BCF' },
  {
    code: 'NO_LEAD',
    make: (t) => { t.Pools[0].Method = 'lead'; t.Lines[0].Lead = null; },
    table: 'Lines', row: 1, column: 'Lead', mentions: ['Reablement'], pool: 'BCF',
  },
  {
    code: 'NO_BASIS',
    make: (t) => { t.Contributions[0].Gross = 0; t.Contributions[0].Net = null; t.Contributions[1].Gross = 0; t.Payments = []; },
    table: 'Pools', row: 1, mentions: ['BCF'], pool: 'BCF', aggregate: true,
  },
  {
    code: 'ALIGNED_RESERVE',
    make: (t) => {
      Object.assign(t.Pools[0], { Kind: 'aligned', Host: null, Reserve: 50 });
      t.Contributions[0].Spend = 610;
      t.Contributions[1].Spend = 410;
      t.Payments = [];
    },
    table: 'Pools', row: 1, column: 'Reserve', mentions: ['BCF'], pool: 'BCF',
  },
  {
    code: 'SPEND_MISMATCH',
    make: (t) => {
      Object.assign(t.Pools[0], { Kind: 'aligned', Host: null });
      t.Contributions[0].Spend = 600;
      t.Contributions[1].Spend = 410; // Spend totals 1,010; the typed Forecast is 1,020
      t.Payments = [];
    },
    table: 'Lines', row: 1, column: 'Forecast', mentions: ['1,020.00', '1,010.00'], pool: 'BCF',
  },
  {
    code: 'CAP_UNALLOCATED',
    make: (t) => { t.RiskShare = [{ Pool: 'BCF', Partner: 'CC', Cap: 5 }, { Pool: 'BCF', Partner: 'ICB', Cap: 5 }]; },
    table: 'RiskShare', column: 'Cap', mentions: ['10.00', 'CC'], pool: 'BCF',
  },
  {
    code: 'NEGATIVE_NET',
    make: (t) => { Object.assign(t.Contributions[1], { Gross: 400, Grant: 450 }); t.Payments = []; },
    table: 'Contributions', row: 2, mentions: ['-50.00'], pool: 'BCF',
  },
  {
    code: 'INCOME_EXCEEDS_GROSS',
    make: (t) => { Object.assign(t.Contributions[1], { Gross: 400, Income: 450 }); t.Payments = []; },
    table: 'Contributions', row: 2, column: 'Income', mentions: ['450.00', '400.00'], pool: 'BCF',
  },
  { code: 'OVERPAID', make: (t) => { t.Payments[0].Amount = 500; }, table: 'Payments', row: 1, column: 'Amount', mentions: ['500.00', '400.00', 'ICB'], pool: 'BCF', aggregate: true },
  { code: 'IGNORED_ROW', make: (t) => { t.Payments.push({ Pool: 'BCF', Partner: 'CC', Period: '2025-05', Amount: 10 }); }, table: 'Payments', row: 2, mentions: ['CC', 'host'], pool: 'BCF' },
  { code: 'VARIANCE_OVER_MATERIALITY', make: (t) => { t.Lines[0].Forecast = 1100; }, table: 'Pools', row: 1, mentions: ['BCF', '100.00', '10'], pool: 'BCF', aggregate: true },
  {
    code: 'UNAGREED_SAVINGS',
    make: (t) => { t.Savings = [{ Pool: 'BCF', Line: 'Reablement', Partner: 'ICB', Planned: 50, Delivered: 20, Agreed: 'no' }]; },
    table: 'Savings', row: 1, mentions: ['ICB', '30.00'], pool: 'BCF',
  },
  {
    code: 'SIGN_READ',
    make: (t) => { Object.assign(t.Contributions[0], { Income: -50, Net: 550 }); },
    table: 'Contributions', row: 1, column: 'Income', mentions: ['-50.00', '50.00'], pool: 'BCF',
  },
  {
    code: 'UNITS_SUSPECT',
    make: (t) => { t.Contributions[1].Gross = 300000; t.Lines[0].Forecast = 300620; }, // 500 times CC's 600
    table: 'Contributions', row: 2, column: 'Gross', mentions: ['300,000.00', '600.00', 'BCF'], pool: 'BCF',
  },
  {
    code: 'AMBIGUOUS_SAVING',
    make: (t) => {
      t.Savings = [{ Pool: 'BCF', Line: 'Reablement', Partner: 'ICB', Planned: 50, Delivered: 20, Agreed: 'no' },
        { Pool: 'BCF', Line: 'Reablement', Partner: 'ICB', Planned: 20, Delivered: 20, Agreed: 'no' },
        { Pool: 'BCF', Line: 'Reablement', Partner: 'ICB', Planned: 50, Delivered: 40, Agreed: 'no', Period: '2025-09' }];
    },
    table: 'Savings', row: 3, column: 'Period', mentions: ['ICB', 'Reablement', 'BCF', 'Saving column'], pool: 'BCF',
  },
  {
    code: 'TOTAL_ROW',
    make: (t) => { t.Lines.push({ Pool: 'BCF', Line: 'Total:', Forecast: 3020 }); },
    table: 'Lines', row: 3, column: 'Line', mentions: ['Total:'],
  },
];

/**
 * Codes raised outside the engine's tables, tested where they are raised: AMBIGUOUS_TABLE,
 * SOURCE_NOTE and MERGED_HEADER by the workbook reader (tests/workbook/sources.test.ts);
 * PERIOD_OUTSIDE_YEAR, ON_BUDGET_ASSUMED and VARIANCE_MOVED by monitoring (tests/monitor/); TEXT_CUT
 * by the results writers (tests/robustness/writers.test.ts); TOTAL_MISMATCH by report blocks (at the
 * end of this file); OPTION_CONFLICT, UNKNOWN_OPTION_POOL and RESERVED_NAME by risk-share options
 * (tests/engine/options.test.ts).
 */
const ELSEWHERE = new Set<WarningCode>(['TOTAL_MISMATCH', 'AMBIGUOUS_TABLE', 'SOURCE_NOTE', 'MERGED_HEADER',
  'PERIOD_OUTSIDE_YEAR', 'ON_BUDGET_ASSUMED', 'VARIANCE_MOVED', 'TEXT_CUT', 'OPTION_CONFLICT', 'UNKNOWN_OPTION_POOL',
  'RESERVED_NAME']);

function runTables(t: Tables): RunResult {
  const input: WorkbookInput = { tables: t };
  return run(input, TODAY);
}

/** The message names the place: the table, and the row (as "row N") and column when the warning has them. */
function expectNamesPlace(w: Warning, c: Case): void {
  const where = `${c.code}: ${w.message}`;
  const m = w.message;
  const namesTable = m.includes(c.table) || (c.pool !== undefined && m.includes(`Pool ${c.pool}`)) || (c.pool !== undefined && m.includes(`pool ${c.pool}`));
  expect({ where, namesTable }).toEqual({ where, namesTable: true });
  if (c.row !== undefined && !c.aggregate) expect({ where, namesRow: m.includes(`row ${c.row}`) }).toEqual({ where, namesRow: true });
  for (const s of c.mentions ?? []) expect({ where, mentions: s, found: m.includes(s) }).toEqual({ where, mentions: s, found: true });
}

describe('the valid base workbook', () => {
  test('runs with no warnings at all', () => {
    const r = runTables(withSecondPool(base()));
    expect(r.warnings).toEqual([]);
    expect(r.pools.every((p) => !('errors' in p))).toBe(true);
  });
});

describe('every warning code is produced by a malformed workbook and says where', () => {
  const covered = new Set(CASES.map((c) => c.code));
  test.each(CASES.map((c) => [c.code, c] as const))('%s', (_code, c) => {
    const t = withSecondPool(base());
    c.make(t);
    const r = runTables(t);
    checkInvariants(r);
    const hits = r.warnings.filter((w) => w.code === c.code);
    expect(hits.length).toBeGreaterThan(0);
    const w = hits.find((x) => x.table === c.table && (c.row === undefined || x.row === c.row)) ?? hits[0];
    expect(w.table).toBe(c.table);
    if (c.row !== undefined) expect(w.row).toBe(c.row);
    if (c.column !== undefined) expect(w.column).toBe(c.column);
    expect(w.message.length).toBeGreaterThan(10);
    expectNamesPlace(w, c);
    if (c.pool !== undefined && w.severity === 'error') {
      // The broken pool has no figures; the untouched pool LD still runs.
      const broken = r.pools.find((p) => p.pool === c.pool)!;
      expect('errors' in broken).toBe(true);
      expect(broken).not.toHaveProperty('partners');
      const ld = r.pools.find((p) => p.pool === 'LD')!;
      expect('errors' in ld).toBe(false);
    }
  });

  test('the cases cover the whole WarningCode union except the codes raised elsewhere', () => {
    const missing = [...KNOWN_CODES].filter((code) => !covered.has(code) && !ELSEWHERE.has(code));
    expect(missing).toEqual([]);
  });

  test('KNOWN_CODES is the WarningCode union of src/engine/types.ts', () => {
    const src = fs.readFileSync(path.join(__dirname, '../../src/engine/types.ts'), 'utf8');
    const union = /export type WarningCode =([^;]*);/.exec(src)![1];
    const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
    expect([...KNOWN_CODES].sort()).toEqual(codes);
  });
});

describe('TOTAL_MISMATCH: a report block whose lines do not sum to its gross row', () => {
  test('is reported with the sheet and the cell of the gross figure, and stops that pool', () => {
    const report = [
      ['Pool 1: Adults with care and support needs', 'County Council', 'NHS commissioner'],
      ['', "£'000", "£'000"],
      ['Contributions to pool:', '', ''],
      ['Learning disabilities', 70000, 12000],
      ['Mental health', 9000, 45000],
      ['Gross contribution', 79600, 57000], // 70,000 + 9,000 = 79,000, not 79,600
      ['Less service user income', -5000, 0],
      ['Net contribution', 74600, 57000],
    ];
    const read = readWorkbook([{ name: 'Report', values: report, top: 3, left: 2 }]);
    const w = read.warnings.find((x) => x.code === 'TOTAL_MISMATCH');
    expect(w).toBeDefined();
    expect(w!.severity).toBe('error');
    expect(w!.sheet).toBe('Report');
    expect(w!.cell).toBe('C8'); // row 6 of the block (sheet row 3 + 5), first partner column (C)
    expect(w!.message).toContain('Report!C8');
    expect(w!.message).toContain('79,600');
    expect(w!.message).toContain('79,000');
    const r = run(read.input, TODAY);
    checkInvariants(r);
    const pool = r.pools.find((p) => p.pool === w!.pool);
    expect(pool && 'errors' in pool).toBe(true);
  });
});
