/// <reference lib="es2021.weakref" />
/**
 * `runHanded` (issue 20): the command line hands its input over, and the input's rows are let go once
 * the model is built, so the rules, the netting, the schedules and the output hold the model alone.
 * Same figures and warnings as `run`; the rows are collectable while the pools are worked out, and
 * the reader's locator (which the warnings keep) does not hold them.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { HandedInput, RawRow, WorkbookInput } from '../../src/engine';
import { run, runHanded } from '../../src/engine';
import * as pool from '../../src/engine/pool';
import * as model from '../../src/engine/model';
import { readXlsx } from '../../src/cli/xlsx-read';
import { parseJsonExact } from '../../src/cli/input';
import { parseInputJson } from '../../src/engine';
import { TODAY } from './helpers';
import { gc } from '../gc';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

function example(): WorkbookInput {
  return parseInputJson(parseJsonExact(fs.readFileSync(path.join(EXAMPLES, 'poolshare-example.json'), 'utf8')));
}

/** A copy of the example with slips: a duplicate row, a blank Gross, an unknown partner. */
function withSlips(): WorkbookInput {
  const input = example();
  const rows = input.tables.Contributions as RawRow[];
  rows.push({ ...rows[0] }, { ...rows[1], Gross: null }, { ...rows[2], Partner: 'NOPE' });
  return input;
}

/**
 * The input handed over, and a weak reference to its Contributions rows. Made in a function of its
 * own: a value this test's frame touched would stay on the stack, and so alive, through the run.
 */
function handOver(): { handed: HandedInput; rows: WeakRef<object> } {
  const input = example();
  return { handed: { input }, rows: new WeakRef(input.tables.Contributions as object) };
}

describe('runHanded', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([['the example', example], ['the example with slips', withSlips]])(
    'gives the figures and warnings of run on %s, and takes the input', (_, make) => {
      const expected = run(make(), { today: TODAY });
      const input = make();
      const handed: HandedInput = { input };
      const got = runHanded(handed, { today: TODAY });
      expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
      expect(handed.input).toBeUndefined();
      // Used up: every raw row left the input's tables as it was read.
      for (const rows of Object.values(input.tables)) expect(rows.every((r) => r === undefined)).toBe(true);
    },
  );

  it('lets the input\'s rows go before the model is built', async () => {
    const { handed, rows } = handOver();
    // A WeakRef's target lives to the end of the job that made it (the language's KeepDuringJob), so
    // the reference is made a job before the run; for the same reason the typed rows, made during the
    // run, cannot be watched this way.
    await new Promise((resolve) => setImmediate(resolve));
    const seen: Record<string, boolean> = {};
    const realModel = model.buildModel;
    jest.spyOn(model, 'buildModel').mockImplementation((tables, w) => {
      gc();
      seen.model = rows.deref() === undefined;
      return realModel(tables, w);
    });
    const realPool = pool.computePool;
    jest.spyOn(pool, 'computePool').mockImplementation((...args) => {
      seen.pools ??= rows.deref() === undefined;
      return realPool(...args);
    });
    const result = runHanded(handed, { today: TODAY });
    expect(seen).toEqual({ model: true, pools: true });
    expect(result.pools.length).toBeGreaterThan(0);
  });

  it('run keeps the caller\'s input as it was', () => {
    const input = example();
    const before = JSON.stringify(input.tables);
    run(input, { today: TODAY });
    expect(JSON.stringify(input.tables)).toBe(before);
  });
});

describe("the workbook reader's locator", () => {
  it('places cells without holding the rows it read', async () => {
    const read = await readXlsx(path.join(EXAMPLES, 'poolshare-example.xlsx'));
    const rows = new WeakRef(read.input.tables.Contributions as object);
    const locate = read.input.locate!;
    const at = locate('Contributions', 2, 'Gross');
    (read.input as { tables?: unknown }).tables = undefined;
    await new Promise((resolve) => setImmediate(resolve)); // past the WeakRef's job, as above
    gc();
    expect(rows.deref()).toBeUndefined();
    expect(locate('Contributions', 2, 'Gross')).toEqual(at);
    expect(at?.sheet).toBe('Contributions');
  });
});
