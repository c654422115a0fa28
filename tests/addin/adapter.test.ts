/**
 * The Office adapter against the one fake of Excel (tests/addin/fake-excel.js: queued loads and
 * writes carried out at sync, reads before a synced load throw, protection, custom properties,
 * the request-size limit, a sync counter). Each finding of issue 8 has a test here that failed
 * on the adapter before it was fixed.
 */
import {
  PartialWriteError, buildSchedules, insertTemplate, officeStore, selectCell, validateWorkbook,
} from '../../src/excel/adapter';
import fc from 'fast-check';
import * as fs from 'fs';
import { EXAMPLE, EXAMPLE_PATH } from './example';
import { loadExample } from '../../src/excel/example';
import { HIGHLIGHT, MARK_KEY, READ_CELLS, WARNINGS_SHEET, WRITE_CELLS, chunk } from '../../src/excel/plan';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

type Grid = (string | number | null)[][];
const HOSTILE = '<img src=x onerror=alert(1)>';

function inputs(extraRows = 0, net: number | string = 400): Record<string, Grid> {
  const contributions: Grid = [
    ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
    ['BCF', 'Care homes', 'CC', 700, 100, 0, 600],
    ['BCF', 'Care homes', 'ICB', 400, 0, 0, net],
    ['BCF', 'Care homes', '=EVIL', 100, 0, 0, 100],
  ];
  const lines: Grid = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1200]];
  for (let i = 0; i < extraRows; i++) {
    lines.push(['BCF', `Line ${i}`, 'CC', 30]);
    contributions.push(['BCF', `Line ${i}`, 'CC', 10, 0, 0, 10], ['BCF', `Line ${i}`, 'ICB', 20, 0, 0, 20]);
  }
  return {
    Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', HOSTILE], ['=EVIL', 'Formula-like code']],
    Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
    Lines: lines,
    Contributions: contributions,
    Payments: [['Pool', 'Partner', 'Amount'], ['BCF', 'ICB', 400]],
  };
}

/** n pools of one line each, shared by CC and ICB: big output sheets. */
function manyPools(n: number): Record<string, Grid> {
  const t = inputs();
  const ids = Array.from({ length: n }, (_, i) => `P${i}`);
  return {
    ...t,
    Pools: [t.Pools[0], ...ids.map((p) => [p, 'pooled', 'CC', 'proportional'])],
    Lines: [t.Lines[0], ...ids.map((p) => [p, 'Care', 'CC', 1000])],
    Contributions: [t.Contributions[0], ...ids.flatMap((p) => [[p, 'Care', 'CC', 600, 0, 0, 600], [p, 'Care', 'ICB', 400, 0, 0, 400]])],
    Payments: [t.Payments[0]],
  };
}

/** A committee-report block whose ICB net (C5, 950) does not tie to its gross: NET_MISMATCH at Report!C5. */
const REPORT: Grid = [
  ['Pool 2: Better Care Fund', 'CC', 'ICB'],
  ['Reablement', 1200, 800],
  ['Care homes', 300, 100],
  ['Gross contribution', 1500, 900],
  ['Net contribution', 1500, 950],
];

function workbook(tables: Record<string, Grid>, user: Record<string, Grid> = {}, opts: { api?: string } = {}) {
  const wb = new fake.Workbook();
  for (const [name, values] of Object.entries(tables)) wb.addSheet(name, values);
  for (const [name, values] of Object.entries(user)) wb.addSheet(name, values);
  const host = fake.install(globalThis, wb, { office: true, ...opts });
  return { wb, host };
}

type FakeSheet = { id: string; name: string; protected: boolean; props: Map<string, string>; charts: unknown[]; frozenRows: number };
const ids = (wb: { sheets: FakeSheet[] }) => wb.sheets.map((s) => `${s.name}=${s.id}`);
const kinds = (wb: { writes: Array<{ kind: string }> }) => new Set(wb.writes.map((w) => w.kind));

type Ctx = { sync: () => Promise<void>; syncs: number };
type Run = (o: unknown, cb: (c: Ctx) => Promise<unknown>) => Promise<unknown>;
/** Runs `hook(n)` before each sync of every Excel.run (n: syncs done); it may throw: that sync fails. Returns undo. */
function onSync(hook: (n: number) => void): () => void {
  const excel = (globalThis as unknown as { Excel: { run: Run } }).Excel;
  const run = excel.run;
  excel.run = (o, cb) => run(o, async (ctx) => {
    const sync = ctx.sync.bind(ctx);
    ctx.sync = async () => {
      hook(ctx.syncs);
      await sync();
    };
    return cb(ctx);
  });
  return () => {
    excel.run = run;
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

describe('Validate workbook', () => {
  it('highlights the cell, lists the warning, and writes no input', async () => {
    const { wb } = workbook(inputs(0, 450));
    const before = wb.userCells();
    const report = await validateWorkbook(officeStore());
    // 2 for the shape, 1 chunk of values, 1 for the fills the highlight covers; 1 write, 1 highlight.
    expect(report.syncs).toEqual({ read: 4, write: 2 });
    const mismatch = report.warnings.find((w) => w.code === 'NET_MISMATCH');
    expect(mismatch).toMatchObject({ sheet: 'Contributions', cell: 'G3' });
    expect(wb.fillOf('Contributions', 'G3')).toBe(HIGHLIGHT);
    expect(wb.fillOf('Contributions', 'G2')).toBeNull();
    const sheet = wb.valuesOf(WARNINGS_SHEET);
    expect(sheet.some((row: unknown[]) => row.includes('NET_MISMATCH') && row.includes('G3'))).toBe(true);
    expect(wb.userCells()).toEqual(before);
    expect(wb.userSheetWrites()).toEqual([]);
    expect(report.notes).toEqual([]);
  });

  it('clears the previous run\'s highlights and restores the fill a cell had', async () => {
    const { wb } = workbook(inputs(0, 450));
    wb.setFill('Contributions', 'G3', '#FFFF00'); // the user's own yellow
    await validateWorkbook(officeStore());
    expect(wb.fillOf('Contributions', 'G3')).toBe(HIGHLIGHT);
    wb.type('Contributions', 'G3', [[400]]); // the user fixes the net
    const report = await validateWorkbook(officeStore());
    expect(report.warnings.filter((w) => w.code === 'NET_MISMATCH')).toEqual([]);
    expect(wb.fillOf('Contributions', 'G3')).toBe('#FFFF00');
    expect(wb.sheets.filter((s: FakeSheet) => s.name.startsWith(WARNINGS_SHEET))).toHaveLength(1);
  });

  it('leaves a highlight the user has re-coloured since', async () => {
    const { wb } = workbook(inputs(0, 450));
    await validateWorkbook(officeStore());
    wb.setFill('Contributions', 'G3', '#00FF00');
    wb.type('Contributions', 'G3', [[400]]);
    await validateWorkbook(officeStore());
    expect(wb.fillOf('Contributions', 'G3')).toBe('#00FF00');
  });

  it('rewrites the warnings sheet in place: the same sheet, never deleted or renamed', async () => {
    const { wb } = workbook(inputs(0, 450));
    await validateWorkbook(officeStore());
    const first = wb.sheet(WARNINGS_SHEET).id;
    wb.type('Contributions', 'G3', [[400]]);
    await validateWorkbook(officeStore());
    expect(wb.sheet(WARNINGS_SHEET).id).toBe(first);
    expect(wb.valuesOf(WARNINGS_SHEET).some((row: unknown[]) => row.includes('NET_MISMATCH'))).toBe(false);
    expect(kinds(wb).has('sheet.delete')).toBe(false);
    expect(kinds(wb).has('sheet.rename')).toBe(false);
  });

  it('a protected sheet gets a note, the warnings still come back, other cells are highlighted', async () => {
    const { wb } = workbook(inputs(0, 450), { Report: REPORT });
    wb.sheet('Report').protected = true;
    const report = await validateWorkbook(officeStore());
    expect(report.warnings.map((w) => [w.code, w.sheet, w.cell])).toEqual(expect.arrayContaining([
      ['NET_MISMATCH', 'Contributions', 'G3'], ['NET_MISMATCH', 'Report', 'C5'],
    ]));
    expect(report.notes).toContain('Report!C5 is on a protected sheet: not highlighted.');
    expect(wb.fillOf('Contributions', 'G3')).toBe(HIGHLIGHT);
    expect(wb.fillOf('Report', 'C5')).toBeNull();
  });

  it('a highlight Excel refuses (the sheet protected meanwhile) is a note, not a failed job', async () => {
    const { wb } = workbook(inputs(0, 450));
    onSync((n) => {
      if (n === 5) wb.sheet('Contributions').protected = true; // before the highlight batch
    });
    const report = await validateWorkbook(officeStore());
    expect(report.warnings.some((w) => w.code === 'NET_MISMATCH')).toBe(true);
    expect(report.notes.join(' ')).toMatch(/could not be highlighted .*protected sheet/);
    expect(report.written).toEqual([WARNINGS_SHEET]);
  });

  it('finds report blocks on every sheet, whatever is active or selected', async () => {
    const { wb } = workbook(inputs(0, 450), { Report: REPORT, Notes: [['my notes']] });
    wb.active = wb.sheet('Report');
    const a = await validateWorkbook(officeStore());
    await selectCell('Contributions', 'G3'); // clicking a warning activates its sheet
    const b = await validateWorkbook(officeStore());
    wb.active = wb.sheet('Notes');
    const c = await validateWorkbook(officeStore());
    const codes = (r: typeof a) => r.warnings.map((w) => `${w.code} ${w.sheet}!${w.cell}`).sort();
    expect(codes(a)).toContain('NET_MISMATCH Report!C5');
    expect(codes(b)).toEqual(codes(a));
    expect(codes(c)).toEqual(codes(a));
    expect(wb.fillOf('Report', 'C5')).toBe(HIGHLIGHT);
  });

  it('skips a sheet over the report-block budget with a note naming it', async () => {
    const big: Grid = Array.from({ length: 20_001 }, (_, i) => [`row ${i}`, i, i, i, i, i, i, i, i, i, i, i, i]);
    const { wb } = workbook(inputs(0, 450), { Ledger: big });
    const report = await validateWorkbook(officeStore());
    expect(report.notes).toEqual([expect.stringMatching(/^Ledger \(260,013 cells\) was not searched for report blocks/)]);
    expect(wb.maxResponse).toBeLessThan(READ_CELLS * 40);
  });

  it('never saves the document settings (that clears undo) and is one undo group where the host has them', async () => {
    const { host } = workbook(inputs(0, 450));
    await validateWorkbook(officeStore());
    await buildSchedules(officeStore());
    await insertTemplate(undefined, EXAMPLE);
    expect(host.saves()).toBe(0);
    expect(host.settings.size).toBe(0);
    expect(host.runOptions).toEqual([{ mergeUndoGroup: true }, { mergeUndoGroup: true }, { mergeUndoGroup: true }]);
    expect(kinds(host.wb).has('sheet.delete')).toBe(false);
    expect(kinds(host.wb).has('sheet.rename')).toBe(false);
    delete (globalThis as Record<string, unknown>).Excel;
    const old = workbook(inputs(0, 450), {}, { api: '1.12' });
    await validateWorkbook(officeStore());
    expect(old.host.runOptions).toEqual([null]);
  });

  it('keeps its state in the sheets it made (a custom property), not in the settings', async () => {
    const { wb } = workbook(inputs(0, 450));
    await validateWorkbook(officeStore());
    const text = wb.sheet(WARNINGS_SHEET).props.get(MARK_KEY.toLowerCase());
    const mark = JSON.parse(text);
    // A hash, not the data: well under the 255 characters Excel keeps in a property.
    expect(text.length).toBeLessThan(200);
    expect(mark).toMatchObject({ name: WARNINGS_SHEET, sum: expect.stringMatching(/^\d+x9:[0-9a-f]+$/) });
    expect(mark.highlights).toBeUndefined();
    expect(mark.area).toMatch(/^A1:I\d+$/);
    // The highlighted cells are listed on the sheet, at `hl`, header first.
    const hl = mark.hl.split(':')[0];
    const row = Number(hl.slice(1));
    expect(wb.valueOf(WARNINGS_SHEET, `A${row}`)).toBe('Highlighted cell: sheet');
    expect([1, 2, 3].map((c) => wb.valueOf(WARNINGS_SHEET, `${'ABC'[c - 1]}${row + 1}`))).toEqual(['Contributions', 'G3', '#FFFFFF']);
  });
});

describe('Build schedules', () => {
  it('writes the output sheets with tables, frozen headers and charts, never a user\'s sheet', async () => {
    const userSettlement = [['My own settlement notes'], ['do not touch']];
    const { wb } = workbook(inputs(), { Settlement: userSettlement });
    const userWrites = wb.writesTo('Settlement');
    const report = await buildSchedules(officeStore());
    expect(report.syncs).toEqual({ read: 3, write: 1 });
    expect(wb.valuesOf('Settlement')).toEqual(userSettlement);
    expect(wb.writesTo('Settlement')).toBe(userWrites);
    expect(report.written).toContain('Settlement (2)');
    expect(report.written).toContain('Pool results');
    expect(report.written).not.toContain('Pools (2)');
    expect(wb.valuesOf('Pools')).toEqual(inputs().Pools);
    const cc = wb.sheet('CC');
    expect(cc.frozenRows).toBeGreaterThan(0);
    expect(cc.charts).toHaveLength(1);
    expect(cc.charts[0].series.map((s: { name: string }) => s.name)).toEqual(['Net contribution', 'Final cost']);
    expect(wb.tables.some((t: { sheet: unknown }) => t.sheet === cc)).toBe(true);
    expect(cc.autofit).toBeGreaterThan(0);
  });

  it('keeps formula-like text as text', async () => {
    const { wb } = workbook(inputs());
    const report = await buildSchedules(officeStore());
    const evil = report.written.find((n) => n.includes('EVIL'))!;
    const s = wb.sheet(evil);
    expect(s.formulas.size).toBe(0);
    const values = wb.valuesOf(evil) as unknown[][];
    let seen = 0;
    values.forEach((row, r) => row.forEach((v, c) => {
      if (typeof v !== 'string' || !/^[=+\-@]/.test(v)) return;
      seen++;
      expect(wb.formatOf(evil, fake.a1(r, c))).toBe('@');
    }));
    expect(seen).toBeGreaterThan(0);
  });

  it('rewrites its own sheets in place: same sheets, so references into them survive', async () => {
    const { wb } = workbook(inputs());
    const first = await buildSchedules(officeStore());
    const before = ids(wb);
    const c6 = wb.valueOf('Settlement', 'C6');
    const second = await buildSchedules(officeStore());
    expect(second.written).toEqual(first.written);
    expect(ids(wb)).toEqual(before);
    expect(wb.valueOf('Settlement', 'C6')).toEqual(c6);
    expect(kinds(wb).has('sheet.delete')).toBe(false);
    expect(kinds(wb).has('sheet.rename')).toBe(false);
    expect(wb.sheet('CC').charts).toHaveLength(1); // its chart replaced, not added to
  });

  it('a Poolshare sheet the user renamed is theirs: never touched again, a new one is made', async () => {
    const { wb } = workbook(inputs());
    await buildSchedules(officeStore());
    const kept = wb.sheet('Settlement');
    kept.name = 'Settlement Q1 FINAL (sent to ICB)';
    wb.type(kept.name, 'A40', [['Signed off by the ICB CFO, 3 July']]);
    const snapshot = JSON.stringify(kept.rows);
    const writes = wb.writesTo(kept.name);
    const report = await buildSchedules(officeStore());
    expect(JSON.stringify(kept.rows)).toBe(snapshot);
    expect(wb.writesTo(kept.name)).toBe(writes);
    expect(wb.sheet('Settlement').id).not.toBe(kept.id);
    expect(report.written).toContain('Settlement');
    expect(report.notes).toContain('Settlement Q1 FINAL (sent to ICB) was made by Poolshare as Settlement and has been '
      + 'renamed: it is yours now and is left as it is.');
  });

  it('a Poolshare sheet the user wrote into outside its area is theirs from then on', async () => {
    const { wb } = workbook(inputs());
    await buildSchedules(officeStore());
    const s = wb.sheet('Settlement');
    wb.type('Settlement', 'Z100', [['my reconciliation']]);
    const report = await buildSchedules(officeStore());
    expect(wb.valueOf('Settlement', 'Z100')).toBe('my reconciliation');
    expect(report.written).toContain('Settlement (2)');
    expect(wb.sheet('Settlement').id).toBe(s.id);
    expect(report.notes.join(' ')).toMatch(/^Settlement has entries of yours outside Poolshare's area/);
  });

  it('a note the user typed inside Poolshare\'s area (a blank cell beside its figures) is never cleared', async () => {
    const { wb } = workbook(inputs());
    await buildSchedules(officeStore());
    const s = wb.sheet('Settlement');
    // Poolshare's area is the block it wrote, blank cells included: C1 sits beside "Netting | multilateral".
    expect(wb.valueOf('Settlement', 'C1') ?? '').toBe('');
    wb.type('Settlement', 'C1', [['checked JB 3 July']]);
    const report = await buildSchedules(officeStore());
    expect(wb.valueOf('Settlement', 'C1')).toBe('checked JB 3 July');
    expect(wb.sheet('Settlement').id).toBe(s.id);
    expect(report.written).toContain('Settlement (2)');
    expect(report.notes.join(' ')).toMatch(/Settlement has entries of yours inside Poolshare's area/);
    // Untouched, the next run rewrites in place again (no copy after copy).
    const again = await buildSchedules(officeStore());
    expect(again.written).toContain('Settlement (2)');
    expect(again.written).not.toContain('Settlement (3)');
  });

  it('a partner no longer in the results: its sheet is cleared to a note, not deleted', async () => {
    const { wb } = workbook(inputs());
    await buildSchedules(officeStore());
    const evil = wb.sheets.find((s: FakeSheet) => s.name.includes('EVIL'));
    wb.type('Contributions', 'A4', [['', '', '', '', '', '', '']]);
    wb.type('Partners', 'A4', [['', '']]);
    const report = await buildSchedules(officeStore());
    expect(report.written).not.toContain(evil.name);
    expect(wb.valuesOf(evil.name)).toEqual([[`Poolshare no longer writes this sheet: ${evil.name} is not in the latest results.`]]);
    expect(report.notes).toEqual([`${evil.name} is not in the latest results: Poolshare cleared its sheet to a note (not deleted).`]);
  });

  it('a write refused part way says exactly what was written; the next run replaces, no copies', async () => {
    const dry = workbook(manyPools(1500));
    const plain = await buildSchedules(officeStore());
    expect(plain.syncs.write).toBeGreaterThan(2);
    const { wb } = workbook(manyPools(1500));
    const restore = onSync((n) => {
      // The third write round trip fails.
      if (n === plain.syncs.read + 2) throw Object.assign(new Error('The request failed.'), { code: 'GeneralException' });
    });
    const thrown = await buildSchedules(officeStore()).then(() => null, (e: PartialWriteError) => e);
    expect(thrown).toBeInstanceOf(PartialWriteError);
    expect(thrown).toMatchObject({ written: plain.written.slice(0, 1), partial: plain.written.slice(1) });
    expect(thrown?.message).toBe('Build schedules stopped part way: Excel refused a write (The request failed.). '
      + `Written in full: ${plain.written.slice(0, 1).join(', ')}. Written in part or not at all: `
      + `${plain.written.slice(1).join(', ')}. These sheets are marked as Poolshare's, so the next Build schedules `
      + 'rewrites them in place (no copies). Nothing else was changed.');
    expect(dry.wb.sheets.length).toBe(wb.sheets.length);
    const names = wb.sheets.map((s: FakeSheet) => s.name);
    restore();
    const retry = await buildSchedules(officeStore());
    expect(wb.sheets.map((s: FakeSheet) => s.name)).toEqual(names);
    expect(retry.written).toEqual(plain.written);
    expect(wb.valuesOf('Settlement')).toEqual(dry.wb.valuesOf('Settlement'));
  });

  it('writes nothing when reading fails: the failure surfaces in words', async () => {
    const { wb } = workbook(inputs());
    const names = wb.sheets.map((s: FakeSheet) => s.name);
    onSync((n) => {
      if (n === 1) throw Object.assign(new Error('The requested resource doesn\'t exist.'), { code: 'ItemNotFound' });
    });
    await expect(buildSchedules(officeStore())).rejects.toThrow('resource');
    expect(wb.sheets.map((s: FakeSheet) => s.name)).toEqual(names);
    expect(wb.tables).toHaveLength(0);
  });

  it('adopts the sheets an earlier version listed in the document settings: no copies on upgrade', async () => {
    const { wb, host } = workbook(inputs());
    const old = wb.addSheet('Settlement', [['old results']]);
    old.user = false;
    host.settings.set('poolshare.sheets', [old.id]);
    const report = await buildSchedules(officeStore());
    expect(report.written).toContain('Settlement');
    expect(wb.sheet('Settlement').id).toBe(old.id);
    // One it made that the user renamed is left alone, never cleared.
    const renamed = wb.addSheet('CC Q1 signed', [['signed off']]);
    renamed.user = false;
    host.settings.set('poolshare.sheets', [old.id, renamed.id]);
    await buildSchedules(officeStore());
    expect(wb.valuesOf('CC Q1 signed')).toEqual([['signed off']]);
  });
});

describe('large workbooks (Excel on the web: about 5 MB a request)', () => {
  const LIMIT = 5 * 1024 * 1024;
  /** Every value the adapter reads: each table (Excel tables here) and no other sheet. */
  function tablesOnly(rows: number) {
    const wb = new fake.Workbook();
    const t = inputs(rows, 400);
    for (const [name, values] of Object.entries(t)) wb.addSheet(name, values, { table: name });
    const cells = Object.values(t).reduce((n, g) => n + g.length * g[0].length, 0);
    return { wb, cells };
  }

  it.each([0, 2000, 9000])('reads = 2 + ceil(cells / READ_CELLS) with %i extra lines', async (rows) => {
    const { wb, cells } = tablesOnly(rows);
    fake.install(globalThis, wb, { office: true });
    const report = await buildSchedules(officeStore());
    expect(report.syncs.read).toBe(2 + Math.ceil(cells / READ_CELLS));
    const written = wb.sheets.filter((s: { user: boolean }) => !s.user)
      .reduce((n: number, s: { name: string }) => n + wb.valuesOf(s.name).reduce((m: number, r: unknown[]) => m + r.length, 0), 0);
    expect(report.syncs.write).toBe(Math.max(1, Math.ceil(written / WRITE_CELLS)));
  });

  it('a 100,000 x 15 ledger extract is read in chunks, each response under the limit', async () => {
    const wb = new fake.Workbook();
    for (const [name, values] of Object.entries(inputs(0, 450))) wb.addSheet(name, values);
    const ledger = Array.from({ length: 100_000 }, (_, i) =>
      [`2025-${String((i % 12) + 1).padStart(2, '0')}`, `Cost centre ${i % 400}`, `Supplier number ${i}`, 'Adult social care',
        i * 1.01, i * 2.02, 'BCF', 'CC', `Invoice ${i}`, 'Paid', i, 'GL 4100', 'Reablement', 'Northshire', 'Q1']);
    wb.addSheet('Contributions ledger', [['Period', 'Cost centre', 'Supplier', 'Service', 'Gross', 'Net', 'Pool',
      'Partner', 'Ref', 'Status', 'Line no', 'GL', 'Line', 'Area', 'Quarter'], ...ledger]);
    fake.install(globalThis, wb, { office: true });
    expect(JSON.stringify(ledger).length).toBeGreaterThan(LIMIT * 2); // one response would be refused
    const report = await validateWorkbook(officeStore());
    expect(report.warnings.some((w) => w.code === 'NET_MISMATCH')).toBe(true);
    expect(report.notes).toEqual([expect.stringMatching(/^Contributions ledger \(1,500,015 cells\) was not searched/)]);
    expect(wb.maxResponse).toBeLessThan(LIMIT);
    // The same extract as the Contributions table itself is read whole, in chunks.
    const wb2 = new fake.Workbook();
    const t = inputs(0, 400);
    for (const [name, values] of Object.entries(t)) if (name !== 'Contributions') wb2.addSheet(name, values);
    const rows = Array.from({ length: 100_000 }, (_, i) => ['BCF', 'Care homes', i % 2 ? 'CC' : 'ICB', 0, 0, 0, 0,
      `Supplier ${i}`, `Invoice ${i}`, '2025-04', 'Paid', i, 'GL 4100', 'Northshire', 'Q1']);
    wb2.addSheet('Contributions', [[...t.Contributions[0], 'Supplier', 'Ref', 'Period', 'Status', 'No', 'GL', 'Area', 'Q'],
      ...t.Contributions.slice(1).map((r) => [...r, '', '', '', '', '', '', '', '']), ...rows]);
    fake.install(globalThis, wb2, { office: true });
    const big = await validateWorkbook(officeStore());
    expect(big.syncs.read).toBe(2 + Math.ceil((100_004 * 15 + 3 * 2 + 2 * 4 + 2 * 4 + 2 * 3) / READ_CELLS) + 1);
    expect(wb2.maxResponse).toBeLessThan(LIMIT);
    // Every row was read: the last one (a duplicate key) is reported at its cell.
    expect(big.warnings.some((w) => w.code === 'DUPLICATE_ROW' && w.cell === 'C100004')).toBe(true);
  });

  it('the fake refuses one response over the limit, as Excel on the web does', async () => {
    const wb = new fake.Workbook();
    wb.addSheet('Big', Array.from({ length: 100_000 }, (_, i) => [`row ${i} with some text in it`, i, i * 2, i * 3]));
    fake.install(globalThis, wb, {});
    const Excel = (globalThis as unknown as { Excel: { run: (cb: (c: never) => Promise<unknown>) => Promise<unknown> } }).Excel;
    wb.payloadLimit = 1024 * 1024;
    await expect(Excel.run(async (ctx: { workbook: { worksheets: { getItem: (n: string) => { getUsedRangeOrNullObject: () => {
      load: (p: string) => void } } } }; sync: () => Promise<void> }) => {
      ctx.workbook.worksheets.getItem('Big').getUsedRangeOrNullObject().load('values');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
});

describe('chunk: the cut into round trips', () => {
  it('covers every cell once; every round trip but the last holds exactly the budget', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ rows: fc.nat(60), cols: fc.integer({ min: 1, max: 16 }) }), { maxLength: 6 }),
      fc.integer({ min: 16, max: 200 }),
      (sizes, budget) => {
        const trips = chunk(sizes, budget);
        const total = sizes.reduce((n, s) => n + s.rows * s.cols, 0);
        expect(trips.length).toBe(Math.ceil(total / budget));
        trips.forEach((trip, i) => {
          const n = trip.reduce((m, p) => m + p.rows * p.cols, 0);
          if (i < trips.length - 1) expect(n).toBe(budget);
          else expect(n).toBeLessThanOrEqual(budget);
        });
        const seen = sizes.map((s) => Array.from({ length: s.rows }, () => new Array<number>(s.cols).fill(0)));
        for (const p of trips.flat()) {
          expect(p.row + p.rows).toBeLessThanOrEqual(sizes[p.index].rows);
          expect(p.col + p.cols).toBeLessThanOrEqual(sizes[p.index].cols);
          for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.cols; c++) seen[p.index][p.row + r][p.col + c]++;
        }
        expect(seen.flat(2).every((x) => x === 1)).toBe(true);
      },
    ), { numRuns: 300 });
  });

  it('cuts within a row when a whole row does not fit (hand-worked: 3 rows of 5, budget 7)', () => {
    expect(chunk([{ rows: 3, cols: 5 }], 7)).toEqual([
      [{ index: 0, row: 0, col: 0, rows: 1, cols: 5 }, { index: 0, row: 1, col: 0, rows: 1, cols: 2 }],
      [{ index: 0, row: 1, col: 2, rows: 1, cols: 3 }, { index: 0, row: 2, col: 0, rows: 1, cols: 4 }],
      [{ index: 0, row: 2, col: 4, rows: 1, cols: 1 }],
    ]);
  });
});

describe('Insert template', () => {
  it('adds the input tables with example rows, keeping what is there', async () => {
    const mine = [['Partner', 'Name'], ['XX', 'Mine']];
    const { wb } = workbook({ Partners: mine });
    const r = await insertTemplate(undefined, EXAMPLE);
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(r.kept).toEqual(['Partners']);
    expect(r.added).toEqual(['Pools', 'Lines', 'Contributions', 'RiskShare', 'Savings', 'Payments', 'Settings', 'Forecasts',
      'Options', 'Scenarios']);
    expect(wb.valuesOf('Partners')).toEqual(mine);
    expect(wb.valuesOf('Pools')[0]).toEqual(['Pool', 'Kind', 'Host', 'Method', 'Reserve', 'Underspend', 'Basis', 'Name']);
    expect(wb.tables.map((t: { name: string }) => t.name)).toContain('Contributions');
  });

  it('fetches its example rows from example.json beside the page, and writes nothing if it cannot', async () => {
    const real = globalThis.fetch;
    const asked: string[] = [];
    const answer = (status: number, body: unknown) => (async (url: string) => {
      asked.push(url);
      return { ok: status === 200, status, json: async () => body } as Response;
    }) as typeof fetch;
    try {
      globalThis.fetch = answer(200, JSON.parse(fs.readFileSync(EXAMPLE_PATH, 'utf8')));
      expect(await loadExample('https://addins.example.test/poolshare/taskpane.html')).toEqual(EXAMPLE);
      expect(asked).toEqual(['https://addins.example.test/poolshare/example.json']);
      globalThis.fetch = answer(404, null);
      await expect(loadExample('https://addins.example.test/poolshare/taskpane.html')).rejects.toThrow(
        'Insert template wrote nothing: it could not load its example rows (https://addins.example.test/poolshare/example.json): '
        + 'the server answered 404.');
      globalThis.fetch = answer(200, { tables: { Pools: 'not rows' } });
      await expect(loadExample('https://addins.example.test/')).rejects.toThrow(/not the example workbook's tables/);
      // No page address (as here, outside a browser): refused in words, and the workbook untouched.
      const { wb } = workbook({});
      await expect(insertTemplate()).rejects.toThrow(/Insert template wrote nothing: it could not load its example rows/);
      expect({ sheets: wb.sheets.length, writes: wb.writes.length }).toEqual({ sheets: 0, writes: 0 });
    } finally {
      globalThis.fetch = real;
    }
  });

  it('types every cell for what it holds: no numeric cell is text, text stays text', async () => {
    const { wb } = workbook({});
    await insertTemplate(undefined, EXAMPLE);
    // RiskShare: CC has no cap (blank) and a percent; ICB a cap.
    const risk = wb.valuesOf('RiskShare');
    const col = (h: string) => fake.a1(0, risk[0].indexOf(h)).replace(/\d+$/, '');
    expect(wb.valueOf('RiskShare', `${col('Cap')}2`)).toBe('');
    expect(wb.formatOf('RiskShare', `${col('Cap')}2`)).toBe('#,##0.00');
    expect(wb.formatOf('RiskShare', `${col('Percent')}2`)).toBe('General');
    expect(wb.formatOf('RiskShare', `${col('Pool')}2`)).toBe('@');
    const pay = wb.valuesOf('Payments');
    const period = fake.a1(1, pay[0].indexOf('Period'));
    expect(wb.valueOf('Payments', period)).toBe('2025-04');
    expect(wb.formatOf('Payments', period)).toBe('@'); // not turned into a date
    for (const name of ['Pools', 'Lines', 'Contributions', 'RiskShare', 'Savings', 'Payments']) {
      const v = wb.valuesOf(name) as unknown[][];
      v.slice(1).forEach((row, r) => row.forEach((x, c) => {
        if (typeof x === 'number' || ['Reserve', 'Forecast', 'Gross', 'Income', 'Grant', 'Net', 'Spend', 'Cap', 'From', 'To',
          'Planned', 'Delivered', 'Amount', 'Percent'].includes(String(v[0][c]))) {
          expect({ name, cell: fake.a1(r + 1, c), format: wb.formatOf(name, fake.a1(r + 1, c)) })
            .not.toMatchObject({ format: '@' });
        }
      }));
    }
  });

  it('reads Excel tables (ListObjects) by name: the template validates without errors', async () => {
    const { wb } = workbook({ Notes: [['my notes']] });
    await insertTemplate(undefined, EXAMPLE);
    wb.active = wb.sheet('Notes');
    const report = await validateWorkbook(officeStore());
    expect(report.result.pools.length).toBeGreaterThan(1);
    expect(report.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
});

describe('selectCell', () => {
  it('selects a warning\'s cell', async () => {
    const { wb } = workbook(inputs());
    await selectCell('Contributions', 'G3');
    expect(wb.selected).toEqual({ sheet: 'Contributions', cell: 'G3' });
    expect(wb.active.name).toBe('Contributions');
  });
});
