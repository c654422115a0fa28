/**
 * Issue 16: the fake is as strict as Excel where the add-in could depend on the difference (each
 * rule below fails on the fake before this issue), and the jobs end well where Excel is strict:
 * the row limit and a protected structure found before anything is written, hidden output sheets
 * written without being shown, Insert template stopped by a defined name before writing, marks a
 * hash, a leading apostrophe kept, writes cut by bytes, merged areas said once where unsupported.
 */
import { buildSchedules, insertTemplate, selectCell, validateWorkbook } from '../../src/excel/adapter';
import { EXAMPLE } from './example';
import { MAX_ROWS, WRITE_BYTES, WRITE_CELLS, chunkWrites, type SheetPlan } from '../../src/excel/plan';
import { refusal, writeOutputs } from '../../src/excel/write';
import type { State } from '../../src/excel/read';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

type Grid = (string | number)[][];

function inputs(name = 'County Council'): Record<string, Grid> {
  return {
    Partners: [['Partner', 'Name'], ['CC', name], ['ICB', 'Integrated Care Board']],
    Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
    Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1200]],
    Contributions: [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'], ['BCF', 'Care homes', 'CC', 700, 100, 0],
      ['BCF', 'Care homes', 'ICB', 400, 0, 0]],
  };
}

function setup(tables: Record<string, Grid>, opts: { api?: string } = {}) {
  const wb = new fake.Workbook();
  for (const [name, values] of Object.entries(tables)) wb.addSheet(name, values, { table: name });
  const host = fake.install(globalThis, wb, { office: true, ...opts });
  return { wb, host };
}

/** Runs one batch on the fake and syncs it: what Excel says, or 'ok'. */
async function attempt(queue: (context: Excel.RequestContext) => void): Promise<string> {
  try {
    await Excel.run(async (context) => {
      queue(context);
      await context.sync();
    });
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

describe('the fake is as strict as Excel', () => {
  it('sheet names: 31 characters, no \\ / ? * : [ ], no apostrophe at either end, not History, unique in any case', async () => {
    const { wb } = setup({});
    wb.addSheet('Settlement');
    const add = (name: string) => attempt((c) => { c.workbook.worksheets.add(name); });
    expect(await add('x'.repeat(32))).toBe('InvalidArgument');
    for (const bad of ['a/b', 'a\\b', 'a?', 'a*', 'a:b', '[a]', '\'a', 'a\'', 'History', ' ']) {
      expect([bad, await add(bad)]).toEqual([bad, 'InvalidArgument']);
    }
    expect(await add('SETTLEMENT')).toBe('ItemAlreadyExists');
    expect(await add('x'.repeat(31))).toBe('ok');
  });

  it('table names: valid characters, not a cell reference, unique among tables and defined names', async () => {
    const { wb } = setup({ Partners: [['Partner'], ['CC']] });
    wb.addName('Settings', '=Sheet1!$A$1');
    const name = (n: string) => attempt((c) => {
      const ws = c.workbook.worksheets.getItem('Partners');
      ws.tables.add(ws.getRange('C1:C2'), true).name = n;
    });
    for (const bad of ['1abc', 'a b', 'A1', 'tbl1', 'R1C1', 'c', 'partners', 'SETTINGS', 'x'.repeat(256)]) {
      expect([bad, await name(bad)]).toEqual([bad, expect.stringMatching(/InvalidArgument|ItemAlreadyExists/)]);
    }
    expect(await name('tblP1Pools')).toBe('ok');
  });

  it('the grid: no range past row 1,048,576 or column XFD', async () => {
    setup({ Partners: [['Partner'], ['CC']] });
    const write = (top: number, rows: number) => attempt((c) => {
      c.workbook.worksheets.getItem('Partners').getRangeByIndexes(top, 0, rows, 1).values = Array.from({ length: rows }, () => ['x']);
    });
    expect(await write(MAX_ROWS - 1, 1)).toBe('ok');
    expect(await write(MAX_ROWS - 1, 2)).toBe('InvalidArgument');
    expect(await attempt((c) => { c.workbook.worksheets.getItem('Partners').getRangeByIndexes(0, 16_384, 1, 1).load('values'); }))
      .toBe('InvalidArgument');
  });

  it('a merge: the cells it covers read as "", its areas only from ExcelApi 1.13', async () => {
    const { wb } = setup({ Contributions: [['Pool', 'Gross', 'Income'], ['BCF', 1, 2]] });
    wb.merge('Contributions', 'B1:C1');
    let values: unknown[][] = [];
    let areas: string[] = [];
    await Excel.run(async (c) => {
      const r = c.workbook.worksheets.getItem('Contributions').getRange('A1:C2');
      r.load('values');
      const m = r.getMergedAreasOrNullObject();
      m.load('areas/items/address');
      await c.sync();
      values = r.values;
      areas = m.areas.items.map((a) => a.address);
    });
    expect(values).toEqual([['Pool', 'Gross', ''], ['BCF', 1, 2]]);
    expect(areas).toEqual(['Contributions!B1:C1']);
    delete (globalThis as Record<string, unknown>).Excel;
    fake.install(globalThis, wb, { office: true, api: '1.12' });
    expect(await attempt((c) => { c.workbook.worksheets.getItem('Contributions').getRange().getMergedAreasOrNullObject().load('areas'); }))
      .toBe('ApiNotFound');
  });

  it('a hidden or very hidden sheet cannot be activated', async () => {
    const { wb } = setup({ Partners: [['Partner'], ['CC']], Pools: [['Pool'], ['BCF']] });
    wb.hide('Partners', 'Hidden');
    wb.hide('Pools', 'VeryHidden');
    expect(await attempt((c) => c.workbook.worksheets.getItem('Partners').activate())).toBe('InvalidOperation');
    expect(await attempt((c) => c.workbook.worksheets.getItem('Pools').activate())).toBe('InvalidOperation');
  });

  it('a protected structure refuses a new sheet; a protected sheet refuses a write', async () => {
    const { wb } = setup({ Partners: [['Partner'], ['CC']] });
    wb.structureProtected = true;
    expect(await attempt((c) => { c.workbook.worksheets.add('New'); })).toBe('AccessDenied');
    wb.structureProtected = false;
    wb.sheet('Partners').protected = true;
    expect(await attempt((c) => { c.workbook.worksheets.getItem('Partners').getRange('B1').values = [['x']]; })).toBe('AccessDenied');
  });

  it('a custom property: key and value at most 255 characters; ExcelApi 1.12', async () => {
    const { wb } = setup({ Partners: [['Partner'], ['CC']] });
    const prop = (k: string, v: string) => attempt((c) => c.workbook.worksheets.getItem('Partners').customProperties.add(k, v));
    expect(await prop('k', 'v'.repeat(255))).toBe('ok');
    expect(await prop('k', 'v'.repeat(256))).toBe('InvalidArgument');
    expect(await prop('k'.repeat(256), 'v')).toBe('InvalidArgument');
    delete (globalThis as Record<string, unknown>).Excel;
    fake.install(globalThis, wb, { office: true, api: '1.11' });
    expect(await prop('k', 'v')).toBe('ApiNotFound');
  });

  it('a leading apostrophe is Excel\'s text prefix: the value read back is without it', async () => {
    const { wb } = setup({ Partners: [['Partner'], ['CC']] });
    await attempt((c) => { c.workbook.worksheets.getItem('Partners').getRange('B1:B2').values = [['\'01'], ['\'\'quoted']]; });
    expect(wb.valueOf('Partners', 'B1')).toBe('01');
    expect(wb.valueOf('Partners', 'B2')).toBe('\'quoted');
  });

  it('the request limit is on bytes: 2-byte characters count twice', async () => {
    const { wb } = setup({ Partners: [['Partner'], ['CC']] });
    wb.payloadLimit = 1000;
    const write = (text: string) => attempt((c) => { c.workbook.worksheets.getItem('Partners').getRange('B1').values = [[text]]; });
    expect(await write('a'.repeat(900))).toBe('ok');
    expect(await write('£'.repeat(900))).toBe('RequestPayloadSizeLimitExceeded'); // 900 characters, 1,800 bytes
  });
});

describe('the jobs end well in Excel', () => {
  const state = (over: Partial<State> = {}): State => ({
    sheets: [], ours: new Set(), sheetData: [], listObjects: [], highlights: [], structureProtected: false, definedNames: [],
    notes: [], ...over,
  });

  it('a sheet past Excel\'s grid: one message, before anything is written', () => {
    const plan = { name: 'Poolshare warnings' } as SheetPlan;
    const message = refusal('Validate', [plan], [{ rows: MAX_ROWS + 1, cols: 9 }], state());
    expect(message).toMatch(/^Validate wrote nothing: Poolshare warnings would need 1,048,577 rows and 9 columns, more than/);
    expect(refusal('Validate', [plan], [{ rows: MAX_ROWS, cols: 9 }], state())).toBeNull();
  });

  it('a protected structure: Build says what to do and writes nothing; Validate still gives its warnings', async () => {
    const { wb } = setup(inputs());
    wb.structureProtected = true;
    await expect(buildSchedules()).rejects.toThrow(/Build schedules wrote nothing: the workbook's structure is protected.*Unprotect it \(Review > Protect Workbook/);
    expect(wb.writes).toEqual([]);
    const v = await validateWorkbook();
    expect(v.notes.join(' ')).toMatch(/Validate wrote nothing: the workbook's structure is protected/);
    expect(v.written).toEqual([]);
    expect(wb.writes.filter((w: { kind: string }) => w.kind !== 'fill')).toEqual([]);
  });

  it('a hidden Settlement sheet is rewritten without being activated', async () => {
    const { wb } = setup(inputs());
    await buildSchedules();
    wb.hide('Settlement', 'Hidden');
    wb.active = wb.sheet('Partners');
    const again = await buildSchedules();
    expect(again.written).toContain('Settlement');
    expect(again.notes.join(' ')).toMatch(/Settlement is hidden: Poolshare wrote it without showing it/);
    expect(wb.active.name).toBe('Partners');
    expect(wb.sheets.map((s: { name: string }) => s.name)).not.toContain('Settlement (2)');
  });

  it('a warning on a hidden sheet: selecting it says in words why Excel cannot show it', async () => {
    const { wb } = setup(inputs());
    wb.hide('Contributions', 'Hidden');
    await expect(selectCell('Contributions', 'C3')).rejects.toThrow(
      'Contributions is hidden, so Excel cannot show C3: right-click any sheet tab, choose Unhide and pick Contributions');
    await expect(selectCell('Nowhere', 'A1')).rejects.toThrow(/no sheet Nowhere/);
  });

  it('Insert template meeting a defined name says which and writes nothing', async () => {
    const { wb } = setup({});
    wb.addSheet('Sheet1');
    wb.addName('Settings', '=Sheet1!$A$1');
    await expect(insertTemplate(undefined, EXAMPLE)).rejects.toThrow(/Insert template wrote nothing: the workbook has a defined name Settings.*Name Manager/);
    expect(wb.sheets.map((s: { name: string }) => s.name)).toEqual(['Sheet1']);
    expect(wb.writes).toEqual([]);
  });

  it('Insert template keeps an existing table of a template name, wherever it is, and adds the rest', async () => {
    const { wb } = setup({});
    wb.addSheet('Data', [['Partner'], ['CC']], { table: 'Partners' });
    const r = await insertTemplate(undefined, EXAMPLE);
    expect(r.kept).toEqual(['Partners']);
    expect(r.added).not.toContain('Partners');
    expect(wb.sheets.map((s: { name: string }) => s.name)).not.toContain('Partners');
  });

  it('marks stay a hash: every property well under 255 characters with 500 cells highlighted', async () => {
    const t = inputs();
    for (let i = 0; i < 600; i++) t.Contributions.push(['BCF', 'Care homes', `X${i}`, 1, 0, 0]); // UNKNOWN_PARTNER each
    const { wb } = setup(t);
    const v = await validateWorkbook();
    expect(v.notes.join(' ')).toMatch(/Only the first 500 of \d+ cells were highlighted/);
    for (const s of wb.sheets) for (const value of s.props.values()) expect(String(value).length).toBeLessThan(200);
    expect(wb.fillOf('Contributions', 'C4')).toBe('#FFC7CE');
    // The next Validate still finds and restores them (read back from the warnings sheet).
    wb.sheet('Contributions').rows.length = 3;
    await validateWorkbook();
    expect(wb.fillOf('Contributions', 'C4')).toBeNull();
  });

  it('a mark of the version before (highlights in the mark itself) is still read: its highlights are restored', async () => {
    const t = inputs();
    t.Contributions.push(['BCF', 'Care homes', 'XX', 1, 0, 0]); // UNKNOWN_PARTNER on C4
    const { wb } = setup(t);
    await validateWorkbook();
    expect(wb.fillOf('Contributions', 'C4')).toBe('#FFC7CE');
    const props = wb.sheet('Poolshare warnings').props;
    const { hl, ...mark } = JSON.parse(props.get('poolshare'));
    expect(hl).toBeDefined();
    props.set('poolshare', JSON.stringify({ ...mark, highlights: [{ sheet: 'Contributions', cell: 'C4', original: null }] }));
    wb.type('Contributions', 'A4', [['', '', '', '', '', '']]); // the row taken out: no warning left on C4
    const v = await validateWorkbook();
    expect(v.notes.filter((n) => /yours/.test(n))).toEqual([]);
    expect(wb.fillOf('Contributions', 'C4')).toBeNull();
    expect(JSON.parse(props.get('poolshare')).highlights).toBeUndefined();
  });

  it('text starting with an apostrophe is written so it reads back as written: the sheet stays Poolshare\'s', async () => {
    const { wb } = setup(inputs('\'Quoted\' Council'));
    await buildSchedules();
    const again = await buildSchedules();
    expect(again.notes.filter((n) => /yours/.test(n))).toEqual([]);
    expect(wb.sheets.filter((s: { name: string }) => /\(2\)/.test(s.name))).toEqual([]);
    expect(JSON.stringify(wb.valuesOf('Settlement'))).toContain('\'Quoted\' Council');
  });

  it('writes are cut by bytes: 6 MB of long text goes in round trips under the limit', async () => {
    const { wb } = setup(inputs());
    const text = 'é'.repeat(2000); // 4,000 bytes a cell
    const out = { name: 'Long', values: Array.from({ length: 1500 }, () => [text]),
      numberFormats: Array.from({ length: 1500 }, () => ['@']), tables: [] };
    const trips = chunkWrites([{ send: out.values, formats: out.numberFormats }], WRITE_CELLS, WRITE_BYTES);
    expect(trips.length).toBe(2); // 1,500 cells: one trip by count; 6 MB: two by bytes
    await Excel.run(async (context) => {
      const written = await writeOutputs(context, async () => context.sync(), [out], state(),
        { retire: false, highlights: [], job: 'Test', notes: [] });
      expect(written).toEqual(['Long']);
    });
    expect(wb.maxRequest).toBeLessThan(wb.payloadLimit);
    expect(wb.valueOf('Long', 'A1500')).toBe(text);
  });

  it('a defined name holding an output table\'s name: the table takes another name, the job ends well', async () => {
    const { wb } = setup(inputs());
    wb.addName('tblPositions', '=Partners!$A$1');
    const b = await buildSchedules();
    expect(b.written).toContain('Settlement');
    const names = wb.tables.map((t: { name: string }) => t.name);
    expect(names).toContain('tblPositions_2');
    expect(names).not.toContain('tblPositions');
  });

  it('reads are cut by the answer\'s bytes too: a sheet of long notes (6 MB in one round trip) is read in halves', async () => {
    const { wb } = setup(inputs());
    const note = 'n'.repeat(300);
    wb.addSheet('Notes', Array.from({ length: 2000 }, () => new Array(10).fill(note))); // 20,000 cells, 6 MB
    const v = await validateWorkbook();
    expect(v.result.pools[0].pool).toBe('BCF');
    expect(v.syncs.read).toBeGreaterThan(3);
  });

  it('where the host cannot give merged areas (ExcelApi 1.12), it says so once and still runs', async () => {
    setup(inputs(), { api: '1.12' });
    const v = await validateWorkbook();
    expect(v.notes.filter((n) => /merged/.test(n))).toHaveLength(1);
    expect(v.result.pools[0].pool).toBe('BCF');
  });
});
