/**
 * One reading everywhere (spec, Readings decided 10 and 11): the same cells through POOL.RISKSHARE
 * and through the engine run on the workbook's JSON (the command line's reading) give the same
 * figures; a 0 is a value; where a call cannot tell an empty cell from a 0 it says so.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { RISKSHARE } from '../../src/functions/functions';
import { isFunctionError } from '../../src/functions/errors';
import { clearCaches } from '../../src/functions/compute';
import { run } from '../../src/engine/run';
import { isFailedPool, type RawRow, type WorkbookInput } from '../../src/engine/types';
import { generateWorkbook } from '../../bench/generate';

type Grid = unknown[][];

/** Rows to a range with its header row (every key seen), blanks as null: Excel on the web. */
function grid(rows: RawRow[]): Grid {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))];
}

/** What the engine gives for a pool, as RISKSHARE spills it (numbers from the JSON strings). */
function engineRows(input: WorkbookInput, pool: string): unknown[][] {
  const p = run(input).pools.find((x) => x.pool === pool)!;
  if (isFailedPool(p)) throw new Error(`${pool} failed in the engine`);
  return p.partners.map((x) => [x.partner, Number(x.net), Number(x.share), Number(x.savingsCharge), Number(x.riskShare), Number(x.finalCost)]);
}

function functionRows(input: WorkbookInput, pool: string): unknown[][] {
  const t = input.tables as Record<string, RawRow[]>;
  const pools = t.Pools.filter((r) => r.Pool === pool);
  const out = RISKSHARE(
    grid(t.Contributions), grid(t.Lines), grid(t.RiskShare ?? []), grid(t.Savings ?? []), grid(pools), grid(t.Partners),
  );
  if (isFunctionError(out)) throw new Error(out.message);
  return (out as unknown[][]).slice(1);
}

/**
 * The example as RISKSHARE sees it: the function takes no Forecasts range, so a blank Lines forecast
 * is given the line's latest Forecasts row, as the command line's year end does (the same cells).
 */
function yearEnd(input: WorkbookInput): WorkbookInput {
  const t = input.tables as Record<string, RawRow[]>;
  const latest = new Map<string, RawRow>();
  for (const f of t.Forecasts ?? []) {
    const k = `${f.Pool}|${f.Line}`;
    if (f.Partner == null && (!latest.has(k) || String(latest.get(k)!.Period) < String(f.Period))) latest.set(k, f);
  }
  const Lines = t.Lines.map((l) => (l.Forecast == null && latest.has(`${l.Pool}|${l.Line}`)
    ? { ...l, Forecast: latest.get(`${l.Pool}|${l.Line}`)!.Forecast } : l));
  return { tables: { ...t, Lines } };
}

const byPartner = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

beforeEach(() => clearCaches());

describe('the same cells through the functions and the engine', () => {
  const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../examples/poolshare-example.json'), 'utf8'));
  const example = yearEnd(raw);
  for (const pool of (example.tables.Pools as RawRow[]).map((r) => String(r.Pool))) {
    it(`gives the command line's figures for the example's pool ${pool}`, () => {
      expect(byPartner(functionRows(example, pool))).toEqual(byPartner(engineRows(example, pool)));
      expect(byPartner(functionRows(example, pool))).toEqual(byPartner(engineRows(raw, pool)));
    });
  }

  it('gives the command line\'s figures for every pool of generated workbooks (every method, caps, bands, savings)', () => {
    for (const seed of [1, 2, 3]) {
      const wb = generateWorkbook({ rows: 1500, pools: 12, seed }) as unknown as WorkbookInput;
      for (const pool of (wb.tables!.Pools as RawRow[]).map((r) => String(r.Pool))) {
        expect([seed, pool, byPartner(functionRows(wb, pool))]).toEqual([seed, pool, byPartner(engineRows(wb, pool))]);
      }
    }
  });

  it('breaks a penny\'s tie by the Partners range\'s order, as the engine does; without it, asks for it', () => {
    const c = [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'Care', 'ICB', 500], ['BCF', 'Care', 'CC', 500]];
    const l = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1000.01]];
    const pools = [['Pool', 'Host'], ['BCF', 'CC']];
    const partners = [['Partner'], ['CC'], ['ICB']];
    const risk = (out: unknown) => (out as unknown[][]).slice(1).map((r) => [r[0], r[4]]);
    expect(risk(RISKSHARE(c, l, undefined, undefined, pools, partners))).toEqual([['CC', 0.01], ['ICB', 0]]);
    expect((RISKSHARE(c, l, undefined, undefined, pools) as unknown as Error).message).toBe(
      'POOL.RISKSHARE: BCF: the partner order decides a penny (a tie in the money rule): give the Partners range as partners_range',
    );
    const noTie = [c[0], ['BCF', 'Care', 'ICB', 400], ['BCF', 'Care', 'CC', 600]];
    expect(risk(RISKSHARE(noTie, l, undefined, undefined, pools))).toEqual([['ICB', 0], ['CC', 0.01]]);
    const wb: WorkbookInput = { tables: {
      Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }], Pools: [{ Pool: 'BCF', Host: 'CC' }],
      Lines: [{ Pool: 'BCF', Line: 'Care', Lead: 'CC', Forecast: 1000.01 }],
      Contributions: [{ Pool: 'BCF', Line: 'Care', Partner: 'ICB', Gross: 500 }, { Pool: 'BCF', Line: 'Care', Partner: 'CC', Gross: 500 }],
    } };
    expect(engineRows(wb, 'BCF').map((r) => [r[0], r[4]])).toEqual([['CC', 0.01], ['ICB', 0]]);
  });

  const base = (risk: RawRow[]): WorkbookInput => ({
    tables: {
      Partners: [{ Partner: 'CC' }, { Partner: 'OCCG' }],
      Pools: [{ Pool: 'BCF', Kind: 'pooled', Host: 'CC', Method: 'fixed' }],
      Lines: [{ Pool: 'BCF', Line: 'Care', Lead: 'CC', Forecast: 13596 }],
      Contributions: [
        { Pool: 'BCF', Line: 'Care', Partner: 'CC', Gross: 6000, Income: null, Grant: null },
        { Pool: 'BCF', Line: 'Care', Partner: 'OCCG', Gross: 4000, Income: null, Grant: null },
      ],
      RiskShare: risk,
    },
  });

  it('reads a Cap of 0 as bearing no overspend, as the pane and the command line do (reading 10)', () => {
    // Variance 3,596 at 50/50: OCCG's 1,798 is capped at 0 and falls to CC.
    const wb = base([{ Pool: 'BCF', Partner: 'CC', Percent: 50, Cap: null }, { Pool: 'BCF', Partner: 'OCCG', Percent: 50, Cap: 0 }]);
    const rows = functionRows(wb, 'BCF');
    expect(rows).toEqual(engineRows(wb, 'BCF'));
    expect(rows).toEqual([['CC', 6000, 0.6, 0, 3596, 9596], ['OCCG', 4000, 0.4, 0, 0, 4000]]);
  });

  it('reads fixed percents typed as fractions totalling 1 as percents (reading 11)', () => {
    const wb = base([{ Pool: 'BCF', Partner: 'CC', Percent: 0.75 }, { Pool: 'BCF', Partner: 'OCCG', Percent: 0.25 }]);
    const rows = functionRows(wb, 'BCF');
    expect(rows).toEqual(engineRows(wb, 'BCF'));
    expect(rows.map((r) => r[4])).toEqual([2697, 899]);
  });

  it('agrees with the engine on random caps and percents, 0 and blank included (property)', () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 1, max: 3000 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), cell, cell, fc.integer({ min: 5000, max: 20000 }), (pct, capA, capB, forecast) => {
        clearCaches();
        const wb = base([
          { Pool: 'BCF', Partner: 'CC', Percent: pct, Cap: capA },
          { Pool: 'BCF', Partner: 'OCCG', Percent: 100 - pct, Cap: capB },
        ]);
        (wb.tables.Lines as RawRow[])[0].Forecast = forecast;
        expect(functionRows(wb, 'BCF')).toEqual(engineRows(wb, 'BCF'));
      }),
      { numRuns: 60 },
    );
  });
});

describe('an empty cell that arrives as 0 (older Excel desktop builds)', () => {
  const contributions = [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'Care', 'CC', 600], ['BCF', 'Care', 'ICB', 400]];
  const lines = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]];
  const pools = [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']];

  it('is refused in words where a 0 and a blank differ, naming the cell, never guessed', () => {
    const risk = [['Pool', 'Partner', 'Cap'], ['BCF', 'ICB', 0]];
    const out = RISKSHARE(contributions, lines, risk, undefined, pools);
    expect(isFunctionError(out)).toBe(true);
    expect((out as unknown as Error).message).toBe(
      'POOL.RISKSHARE: riskshare_range, RiskShare row 1 Cap: 0, or an empty cell (this Excel passes both as 0)? ' +
        'Type \'0 (0 as text) if you mean 0, or put ="" in the cell if you mean blank.',
    );
  });

  it('reads the two answers the message offers as the pane does', () => {
    const zero = RISKSHARE(contributions, lines, [['Pool', 'Partner', 'Cap'], ['BCF', 'ICB', '0']], undefined, pools) as unknown[][];
    const blank = RISKSHARE(contributions, lines, [['Pool', 'Partner', 'Cap'], ['BCF', 'ICB', '']], undefined, pools) as unknown[][];
    expect(zero.slice(1).map((r) => r[4])).toEqual([100, 0]);
    expect(blank.slice(1).map((r) => r[4])).toEqual([60, 40]);
  });

  it('is a value on Excel on the web, whose runtime says it passes empty cells as null', () => {
    const risk = [['Pool', 'Partner', 'Cap'], ['BCF', 'ICB', 0]];
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { diagnostics: { platform: 'OfficeOnline' } } };
    try {
      expect((RISKSHARE(contributions, lines, risk, undefined, pools) as unknown[][]).slice(1).map((r) => r[4])).toEqual([100, 0]);
    } finally {
      delete g.Office;
    }
    g.Office = { context: { diagnostics: { platform: 'PC' } } };
    try {
      clearCaches();
      expect(isFunctionError(RISKSHARE(contributions, lines, risk, undefined, pools))).toBe(true);
    } finally {
      delete g.Office;
    }
  });

  it('is a value as soon as the call shows that empty cells arrive as null', () => {
    const risk = [['Pool', 'Partner', 'Cap', 'Percent'], ['BCF', 'ICB', 0, null]];
    expect((RISKSHARE(contributions, lines, risk, undefined, pools) as unknown[][]).slice(1).map((r) => r[4])).toEqual([100, 0]);
  });

  it('reads as blank where a blank is 0 anyway (Income, Grant) or text is expected', () => {
    const desktop = [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'], ['BCF', 'Care', 'CC', 600, 0, 0], ['BCF', 'Care', 'ICB', 400, 0, 0], [0, 0, 0, 0, 0, 0]];
    const web = [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'], ['BCF', 'Care', 'CC', 600, null, null], ['BCF', 'Care', 'ICB', 400, null, null], [null, null, null, null, null, null]];
    const linesDesktop = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 0, 1100]];
    expect(RISKSHARE(desktop, linesDesktop, undefined, undefined, pools)).toEqual(RISKSHARE(web, lines, undefined, undefined, pools));
  });
});
