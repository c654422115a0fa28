/**
 * RISKSHARE and VALIDATE reuse work for identical inputs (content-keyed, bounded), and RISKSHARE
 * runs the engine on its own pool's rows only (and again on the whole range only for an error's row). Counted in engine runs, never timed.
 */
import * as engineRun from '../../src/engine/run';
import fc from 'fast-check';
import { RISKSHARE, VALIDATE } from '../../src/functions/functions';
import { ContentCache, contentKey } from '../../src/functions/cache';
import { clearCaches } from '../../src/functions/compute';
import { generateWorkbook, type Row } from '../../bench/generate';

type Grid = unknown[][];

function grid(rows: Row[]): Grid {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))];
}

let runs: jest.SpyInstance;
beforeEach(() => {
  clearCaches();
  runs = jest.spyOn(engineRun, 'run');
});
afterEach(() => runs.mockRestore());

describe('twenty RISKSHARE formulas over the same 10,000-row tables', () => {
  const t = generateWorkbook({ rows: 10_000, pools: 1 }).tables;
  const args = [grid(t.Contributions), grid(t.Lines), grid(t.RiskShare), grid(t.Savings), grid(t.Pools), grid(t.Partners)];
  type Args = [Grid, Grid, Grid, Grid, Grid, Grid];

  it('run the engine once, and each gets the same table', () => {
    const first = RISKSHARE(...(args as Args));
    expect(Array.isArray(first) && first[0][0]).toBe('Partner');
    for (let i = 0; i < 19; i++) {
      // Excel passes fresh arrays on each call: the key is the content, not the reference.
      const copy = args.map((g) => g.map((r) => r.slice())) as Args;
      expect(RISKSHARE(...copy)).toEqual(first);
    }
    expect(runs).toHaveBeenCalledTimes(1);
  });

  it('run again when a cell changes', () => {
    RISKSHARE(...(args as Args));
    const changed = args.map((g) => g.map((r) => r.slice())) as Args;
    const gross = (changed[0][0] as string[]).indexOf('Gross');
    changed[0][1][gross] = Number(changed[0][1][gross]) + 1;
    RISKSHARE(...changed);
    expect(runs).toHaveBeenCalledTimes(2);
  });

  it('without the Partners range, run twice (the order must not decide a penny), then not again', () => {
    const five = args.slice(0, 5) as [Grid, Grid, Grid, Grid, Grid];
    const first = RISKSHARE(...five);
    expect(RISKSHARE(...five)).toEqual(first);
    expect(runs).toHaveBeenCalledTimes(2);
  });
});

describe('RISKSHARE of one pool among several', () => {
  const t = generateWorkbook({ rows: 2_000, pools: 20 }).tables;
  const c = grid(t.Contributions);
  const l = grid(t.Lines);
  const pools = t.Pools.map((p) => String(p.Pool));

  it('gives the engine only that pool\'s rows', () => {
    RISKSHARE(c, l, grid(t.RiskShare), grid(t.Savings), [[pools[3]]], grid(t.Partners));
    expect(runs).toHaveBeenCalledTimes(1);
    const sent = (runs.mock.calls[0][0] as { tables: Record<string, Record<string, unknown>[]> }).tables.Contributions;
    expect(sent.length).toBe(t.Contributions.filter((r) => r.Pool === pools[3]).length);
    expect(sent.every((r) => r.Pool === pools[3])).toBe(true);
  });

  it('names the row of the range when that pool has an error (run again with the others blanked)', () => {
    const bad = c.map((r) => r.slice());
    const at = bad.findIndex((r, i) => i > 40 && r[0] === pools[3]);
    bad[at][(bad[0] as string[]).indexOf('Gross')] = 'lots';
    const out = RISKSHARE(bad, l, grid(t.RiskShare), grid(t.Savings), [[pools[3]]], grid(t.Partners)) as unknown as Error;
    expect(out.message).toContain(`${pools[3]}: Contributions row ${at}, column Gross: "lots" is not a number`);
    expect(runs).toHaveBeenCalledTimes(2);
    expect(RISKSHARE(bad, l, grid(t.RiskShare), grid(t.Savings), [[pools[4]]], grid(t.Partners))).not.toHaveProperty('message');
    expect(runs).toHaveBeenCalledTimes(3);
  });

  it('reuses a pool\'s result, and VALIDATE\'s, on the next identical call', () => {
    const partners = grid(t.Partners);
    for (const p of pools.slice(0, 5)) RISKSHARE(c, l, grid(t.RiskShare), grid(t.Savings), [[p]], partners);
    for (const p of pools.slice(0, 5)) RISKSHARE(c, l, grid(t.RiskShare), grid(t.Savings), [[p]], partners);
    expect(runs).toHaveBeenCalledTimes(5);
    VALIDATE(l, 'Lines');
    VALIDATE(l, 'Lines');
    expect(runs).toHaveBeenCalledTimes(6);
  });
});

describe('the cache', () => {
  it('hands out copies, so a caller cannot change what the next call gets', () => {
    const c = [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'Care', 'CC', 600], ['BCF', 'Care', 'ICB', 400]];
    const l = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]];
    const a = RISKSHARE(c, l) as unknown[][];
    a[1][4] = 'changed';
    expect((RISKSHARE(c, l) as unknown[][])[1][4]).toBe(60);
  });

  it('keeps an input problem too, and gives it again in words', () => {
    const bad = [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'Care', 'CC', 'lots']];
    const l = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]];
    const one = RISKSHARE(bad, l);
    expect(RISKSHARE(bad, l)).toEqual(one);
    expect((one as unknown as Error).message).toMatch(/^POOL.RISKSHARE: BCF: Contributions row 1, column Gross: "lots" is not a number/);
    expect(runs).toHaveBeenCalledTimes(2); // the pool's rows, then the range with its row numbers for the message
  });

  it('is bounded by entries and by the total size of the inputs, least recently used out first', () => {
    const byCount = new ContentCache(2, 1_000);
    byCount.set('a', { ok: [[1]] });
    byCount.set('b', { ok: [[2]] });
    byCount.get('a');
    byCount.set('c', { ok: [[3]] });
    expect([byCount.get('a'), byCount.get('b'), byCount.get('c')].map((e) => e && 'ok' in e && e.ok[0][0])).toEqual([1, undefined, 3]);
    const bySize = new ContentCache(10, 80); // each entry below weighs 4 + 32
    bySize.set('xxxx', { ok: [[1]] });
    bySize.set('yyyy', { ok: [[2]] });
    bySize.set('zzzz', { ok: [[3]] });
    expect(bySize.size).toBe(2);
    expect(bySize.get('xxxx')).toBeUndefined();
    bySize.set('w'.repeat(49), { ok: [[4]] });
    expect(bySize.size).toBe(2);
    bySize.set('big', { ok: [[1, 2, 3]] }); // 3 + 96: larger than the whole bound, not kept
    expect(bySize.get('big')).toBeUndefined();
    expect(bySize.size).toBe(2);
  });

  it('keys a large range by its cells, even after the caller changes the array it passed', () => {
    const big = Array.from({ length: 100 }, (_, i) => ['BCF', i, i % 3 === 0 ? null : i * 1.5]);
    const key = contentKey('F', [big, 'x']);
    // A short key: the range's id, not its cells written out.
    expect(key).toMatch(/^\["F",#\d+,"x"\]$/);
    expect(contentKey('F', [big.map((r) => r.slice()), 'x'])).toBe(key);
    big[99][2] = 0;
    const changed = contentKey('F', [big, 'x']);
    expect(changed).not.toBe(key);
    big[99][2] = null; // as it was
    expect(contentKey('F', [big, 'x'])).toBe(key);
    expect(contentKey('F', [big, 'y'])).not.toBe(key);
  });

  it('gives two arguments one key exactly when their JSON is the same (a range\'s id never confused)', () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer({ min: -3, max: 3 }),
      fc.constantFrom('a', 'b', '1', ''), fc.constant(-0), fc.boolean());
    const grid = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 64, maxLength: 66 });
    fc.assert(fc.property(grid, fc.nat(200), cell, (g, at, v) => {
      const h = g.map((r) => r.slice());
      const row = h[at % h.length];
      row[at % 2] = v;
      const same = JSON.stringify(g) === JSON.stringify(h);
      expect(contentKey('F', [g]) === contentKey('F', [h])).toBe(same);
    }), { numRuns: 300 });
  });

  it('keys on content: a blank is the same whether it arrives as null or undefined, and 0 is not blank', () => {
    expect(contentKey('F', [[[null, 1]]])).toBe(contentKey('F', [[[undefined, 1]]]));
    expect(contentKey('F', [[[0, 1]]])).not.toBe(contentKey('F', [[[null, 1]]]));
    expect(contentKey('F', [[['1', 1]]])).not.toBe(contentKey('F', [[[1, 1]]]));
  });
});
