/**
 * The POOL custom functions called as Excel calls them: 2-D arrays, blanks as 0 (older desktop
 * builds) and null (web), error values, numbers typed as text; and the generated functions.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALLOCATE, NET, RISKSHARE, SCHEDULE, SETTLE, SHARES, VALIDATE } from '../../src/functions/functions';
import { isFunctionError } from '../../src/functions/errors';
import { Decimal } from '../../src/engine';

/** #VALUE! with a message matching `want`. */
function expectValueError(v: unknown, want: RegExp): void {
  expect(isFunctionError(v)).toBe(true);
  const e = v as { code: string; message: string };
  expect(e.code).toBe('#VALUE!');
  expect(e.message).toMatch(want);
}

/** Exact sum of spilled money, back through Decimal. */
function total(grid: unknown[][]): string {
  return grid.flat().reduce<Decimal>((s, v) => s.plus(new Decimal(String(v))), new Decimal(0)).toFixed(2);
}

describe('POOL.NET', () => {
  it('subtracts income and grant cell by cell, blanks as 0 or null alike', () => {
    expect(NET([[79600, 58600]], [[-5000 * -1, 0]], [[0, null]])).toEqual([[74600, 58600]]);
    expect(NET([[1000]], [[null]], [[0]])).toEqual([[1000]]);
    expect(NET([[1000]], [[0]])).toEqual(NET([[1000]], [[null]]));
  });
  it('reads numbers typed as text and stays exact', () => {
    expect(NET([['£1,234.50'], ['(10)']], [['0.10'], [null]], [['0.20'], ['']])).toEqual([[1234.2], [-10]]);
    expect(NET([[0.3]], [[0.1]], [[0.1]])).toEqual([[0.1]]); // not 0.09999999999999998
  });
  it('reads a deduction typed negative as a deduction of its size (reading 12)', () => {
    expect(NET([[79000, 57000]], [[-5000, 0]], [['(1,000)', null]])).toEqual([[73000, 57000]]);
    expect(NET([[1000]], [[-100]])).toEqual(NET([[1000]], [[100]]));
  });
  it('broadcasts a single income over a range', () => {
    expect(NET([[10], [20]], [[1]])).toEqual([[9], [19]]);
  });
  it('names the bad cell', () => {
    expectValueError(NET([[1], ['abc']]), /gross, row 2 column 1 is not a number: "abc"/);
    expectValueError(NET([[1, 2]], [[1, 2, 3]]), /income is 1x3 but gross is 1x2/);
    expectValueError(NET([[{ code: '#DIV/0!', message: '' }]]), /gross is the error #DIV\/0!/);
  });
});

describe('POOL.ALLOCATE and POOL.SHARES', () => {
  it('splits to the penny, parts adding up exactly, spilled in the weights\' shape', () => {
    const parts = ALLOCATE(100, [[1], [1], [1]]);
    expect(parts).toEqual([[33.34], [33.33], [33.33]]);
    expect(total(parts)).toBe('100.00');
    expect(ALLOCATE([[1000]], [[600, 400]])).toEqual([[600, 400]]);
  });
  it('treats blank weights as 0 on both hosts', () => {
    expect(ALLOCATE(10, [[1], [0], [1]])).toEqual(ALLOCATE(10, [[1], [null], [1]]));
    expect(ALLOCATE(10, [[1], [null], [1]])).toEqual([[5], [0], [5]]);
  });
  it('rejects negative or all-zero weights in words', () => {
    expectValueError(ALLOCATE(10, [[1], [-1]]), /weights, row 2 column 1 is negative/);
    expectValueError(ALLOCATE(10, [[0], [null]]), /add up to zero/);
    expectValueError(ALLOCATE('ten', [[1]]), /amount is not a number: "ten"/);
  });
  it('gives each weight\'s fraction', () => {
    expect(SHARES([[600, '400']])).toEqual([[0.6, 0.4]]);
  });
});

const CONTRIBUTIONS = [
  ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'],
  ['BCF', 'Care', 'CC', 700, 100, null],
  ['BCF', 'Care', 'ICB', '400', 0, 0],
];
const LINES = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]];

describe('POOL.RISKSHARE', () => {
  it('shares the overspend in proportion to net (the spec\'s example), with a header row', () => {
    expect(RISKSHARE(CONTRIBUTIONS, LINES)).toEqual([
      ['Partner', 'Net', 'Share', 'Savings charge', 'Risk share', 'Final cost'],
      ['CC', 600, 0.6, 0, 60, 660],
      ['ICB', 400, 0.4, 0, 40, 440],
    ]);
  });
  it('gives the same answer when blanks arrive as 0 (desktop) and null (web), with trailing empty rows', () => {
    const desktop = [...CONTRIBUTIONS.map((r) => r.map((v) => (v === null ? 0 : v))), [0, 0, 0, 0, 0, 0]];
    const web = [...CONTRIBUTIONS, [null, null, null, null, null, null]];
    expect(RISKSHARE(desktop, LINES)).toEqual(RISKSHARE(web, LINES));
  });
  it('applies fixed percentages and a cap from the RiskShare table, a blank Cap being no cap', () => {
    const risk = [['Pool', 'Partner', 'Percent', 'Cap'], ['BCF', 'CC', 50, null], ['BCF', 'ICB', 50, 30]];
    const out = RISKSHARE(CONTRIBUTIONS, LINES, risk) as unknown[][];
    expect(out[2]).toEqual(['ICB', 400, 0.4, 0, 30, 430]);
    expect(out[1]).toEqual(['CC', 600, 0.6, 0, 70, 670]);
  });
  it('charges an unagreed savings shortfall first', () => {
    const savings = [['Pool', 'Line', 'Partner', 'Planned', 'Delivered', 'Agreed'], ['BCF', 'Care', 'ICB', 50, 20, 'no']];
    const out = RISKSHARE(CONTRIBUTIONS, LINES, null as never, savings) as unknown[][];
    expect(out[2]).toEqual(['ICB', 400, 0.4, 30, 28, 458]);
    expect(out[1]).toEqual(['CC', 600, 0.6, 0, 42, 642]);
  });
  it('picks one pool by name, and says so when several are given without one', () => {
    const two = [...CONTRIBUTIONS, ['LD', 'Homes', 'CC', 100, 0, 0]];
    const lines = [...LINES, ['LD', 'Homes', 'CC', 100]];
    expectValueError(RISKSHARE(two, lines), /several pools \(BCF, LD\)/);
    expect((RISKSHARE(two, lines, null as never, null as never, [['BCF']]) as unknown[][])[1]).toEqual(['CC', 600, 0.6, 0, 60, 660]);
  });
  it('reports the engine\'s error with its table, row and column', () => {
    const bad = [CONTRIBUTIONS[0], CONTRIBUTIONS[1], ['BCF', 'Care', 'ICB', 'lots', 0, 0]];
    expectValueError(RISKSHARE(bad, LINES), /^POOL.RISKSHARE: BCF: Contributions row 2, column Gross: "lots" is not a number; type/);
  });
});

describe('POOL.SETTLE', () => {
  it('nets positions multilaterally by default, with a header row in the input', () => {
    const out = SETTLE([['Partner', 'Balance'], ['CC', -40], ['ICB', 40]]);
    expect(out).toEqual([['From', 'To', 'Amount'], ['ICB', 'CC', 40]]);
  });
  it('nets pool balances bilaterally, or pays them gross', () => {
    const rows = [['BCF', 'CC', -40], ['BCF', 'ICB', 40], ['LD', 'CC', 25], ['LD', 'ICB', -25]];
    expect(SETTLE(rows, 'bilateral')).toEqual([['From', 'To', 'Amount'], ['ICB', 'CC', 15]]);
    expect(SETTLE(rows, 'gross')).toEqual([['From', 'To', 'Amount'], ['ICB', 'CC', 40], ['CC', 'ICB', 25]]);
  });
  it('refuses balances that do not sum to zero, and an unknown mode', () => {
    expectValueError(SETTLE([['CC', -40], ['ICB', 30]]), /add up to -10.00, not 0/);
    expectValueError(SETTLE([['CC', -40], ['ICB', 40]], 'sideways'), /mode must be multilateral, bilateral or gross/);
  });
});

describe('POOL.SCHEDULE', () => {
  it('splits 400 over 12 months with the extra pennies first (the spec\'s example)', () => {
    const out = SCHEDULE(400, 'monthly', '2025-04') as unknown[][];
    expect(out[0]).toEqual(['Due', 'Amount']);
    expect(out.slice(1, 6)).toEqual([['2025-04', 33.34], ['2025-05', 33.34], ['2025-06', 33.34], ['2025-07', 33.34], ['2025-08', 33.33]]);
    expect(out).toHaveLength(13);
    expect(total(out.slice(1).map((r) => [r[1]]))).toBe('400.00');
  });
  it('takes quarterly and an Excel date serial for the year start', () => {
    expect(SCHEDULE(100, 'quarterly', 45748)).toEqual([['Due', 'Amount'], ['2025-04', 25], ['2025-07', 25], ['2025-10', 25], ['2026-01', 25]]);
  });
  it('says what is wrong', () => {
    expectValueError(SCHEDULE(100, 'weekly', '2025-04'), /frequency must be monthly or quarterly/);
    expectValueError(SCHEDULE(100, 'monthly', 'April'), /year_start must be a date or YYYY-MM/);
  });
});

describe('POOL.VALIDATE', () => {
  it('says OK for a good table, guessing which table it is', () => {
    expect(VALIDATE([['Partner', 'Name'], ['CC', 'County'], ['ICB', 'Board']])).toEqual([['OK']]);
  });
  it('lists the problems of a table with where they are', () => {
    const bad = [['Pool', 'Line', 'Partner', 'Gross', 'Net'], ['BCF', 'Care', 'CC', '1,000', 900], ['BCF', 'Care', 'ICB', 'x', null]];
    const out = VALIDATE(bad, 'contributions') as unknown[][];
    expect(out[0]).toEqual(['Severity', 'Code', 'Where', 'Message']);
    const codes = out.slice(1).map((r) => r[1]);
    expect(codes).toEqual(expect.arrayContaining(['NET_MISMATCH', 'NOT_A_NUMBER']));
    expect(out.find((r) => r[1] === 'NET_MISMATCH')![2]).toBe('Contributions row 1 Net');
  });
  it('refuses an unknown table name', () => {
    expectValueError(VALIDATE([['a']], 'Budgets'), /table_name must be one of/);
  });
});

describe('functions.json', () => {
  it('matches the golden metadata generated from the JSDoc', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateCustomFunctionsMetadata } = require('custom-functions-metadata');
    const root = path.resolve(__dirname, '../..');
    const r = await generateCustomFunctionsMetadata([path.join(root, 'src/functions/functions.ts')], true);
    expect(r.errors).toEqual([]);
    const generated = JSON.parse(r.metadataJson);
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, 'functions.golden.json'), 'utf8'));
    expect(generated).toEqual(golden);
    const names = generated.functions.map((f: { name: string }) => f.name);
    expect(names).toEqual(['NET', 'ALLOCATE', 'SHARES', 'RISKSHARE', 'MONITOR', 'SETTLE', 'SCHEDULE', 'VALIDATE']);
    const params = Object.fromEntries(generated.functions.map((f: { name: string; parameters: { name: string }[] }) =>
      [f.name, f.parameters.map((p) => p.name)]));
    expect(params.RISKSHARE).toEqual(
      ['contributions_range', 'lines_range', 'riskshare_range', 'savings_range', 'pool', 'partners_range'],
    );
    expect(params.SCHEDULE).toEqual(['amount', 'frequency', 'year_start']);
    expect(params.VALIDATE).toEqual(['table_range', 'table_name']);
    for (const f of generated.functions) {
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#pool-${f.name.toLowerCase()}`);
      expect(f.description.length).toBeGreaterThan(10);
      for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(5);
    }
  });
});

describe('POOL.VALIDATE on other tables', () => {
  it('checks Lines and Pools alone without cross-table noise', () => {
    expect(VALIDATE([['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]])).toEqual([['OK']]);
    const pools = VALIDATE([['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'sideways']], 'Pools') as unknown[][];
    expect(pools[0]).toEqual(['Severity', 'Code', 'Where', 'Message']);
    expect(pools.slice(1).map((r) => r[2])).toContain('Pools row 1 Method');
  });
});

describe('optional ranges left blank', () => {
  it('reads an empty RiskShare range the same on desktop (zeros) and the web (nulls)', () => {
    const desktop = RISKSHARE(CONTRIBUTIONS, LINES, [[0, 0], [0, 0]]);
    const web = RISKSHARE(CONTRIBUTIONS, LINES, [[null, null], [null, null]]);
    expect(desktop).toEqual(web);
    expect(desktop).toEqual(RISKSHARE(CONTRIBUTIONS, LINES));
  });
});
