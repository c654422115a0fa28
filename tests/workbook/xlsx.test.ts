/**
 * The .xlsx command line layer end to end: the example's twin, template -> filled -> read -> run
 * -> results workbook read back by an independent reader (SheetJS), hostile text, report blocks in
 * a real file, and never overwriting without --force.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { isFailedPool, parseInputJson, run } from '../../src/engine';
import type { PoolResult, RawRow, RunResult, WorkbookInput, Warning } from '../../src/engine';
import { TABLES, TABLE_NAMES } from '../../src/engine/tables';
import { TEMPLATE_SETTINGS, TEMPLATE_TABLES, instructions } from '../../src/workbook/template';
import { readXlsx, writeResultsXlsx, writeTablesXlsx, writeTemplateXlsx } from '../../src/cli/xlsx';
import { main } from '../../src/cli/main';

/** The note that report blocks supplied Contributions (tested in tests/realbook/findings.test.ts). */
const notBlockSource = (w: { code: string; table?: string }) => !(w.code === 'SOURCE_NOTE' && w.table === 'Contributions');


const TODAY = new Date('2026-11-25T12:00:00Z');
const ROOT = path.join(__dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-xlsx-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function example(): Promise<WorkbookInput> {
  return parseInputJson(JSON.parse(await fs.readFile(path.join(ROOT, 'examples', 'poolshare-example.json'), 'utf8')));
}

/** A table's rows over the spec's columns, blank as null, all-blank rows dropped. */
function normalise(name: string, rows: RawRow[] = []): Array<Record<string, unknown>> {
  const cols = TABLES[name as keyof typeof TABLES].columns.map((c) => c.header);
  return rows
    .map((r) => Object.fromEntries(cols.map((c) => {
      const v = r[c];
      return [c, v === undefined || v === '' ? null : v];
    })))
    .filter((r) => Object.values(r).some((v) => v !== null));
}

/** Warnings without their workbook place, to compare an .xlsx run with a JSON run. */
function unplaced(r: RunResult): RunResult {
  const strip = (w: Warning) => {
    const { sheet, cell, ...rest } = w;
    void sheet;
    void cell;
    return rest;
  };
  return {
    ...r,
    warnings: r.warnings.map(strip),
    pools: r.pools.map((p) => (isFailedPool(p) ? { ...p, errors: p.errors.map(strip) } : p)),
  };
}

/** Every sheet of a workbook as SheetJS reads it: rows of raw values. */
function sheetjs(file: string): { book: XLSX.WorkBook; rows: Record<string, unknown[][]> } {
  const book = XLSX.readFile(file);
  const rows: Record<string, unknown[][]> = {};
  for (const n of book.SheetNames) rows[n] = XLSX.utils.sheet_to_json(book.Sheets[n], { header: 1, raw: true, defval: null });
  return { book, rows };
}

/** The data rows under the header row that starts with `first`, as objects, up to a blank row. */
function tableAfter(rows: unknown[][], first: string, header?: string): Array<Record<string, unknown>> {
  const at = rows.findIndex((r) => r[0] === first && (header === undefined || r.includes(header)));
  if (at < 0) throw new Error(`no header ${first}`);
  const head = rows[at] as string[];
  const out: Array<Record<string, unknown>> = [];
  for (let i = at + 1; i < rows.length && rows[i].some((v) => v !== null); i++) {
    out.push(Object.fromEntries(head.map((h, j) => [h, rows[i][j]]).filter(([h]) => h !== null)));
  }
  return out;
}

function ran(r: RunResult): PoolResult[] {
  return r.pools.filter((p): p is PoolResult => !isFailedPool(p));
}

/** Fills a template's table sheets (rows under the header) from tables, as a user would. */
async function fill(template: string, target: string, tables: Record<string, RawRow[]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  for (const name of TABLE_NAMES) {
    const ws = wb.getWorksheet(name)!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    for (let r = 2; r <= ws.rowCount; r++) header.forEach((_, c) => { ws.getCell(r, c + 1).value = null; });
    (tables[name] ?? []).forEach((row, i) => {
      header.forEach((h, c) => {
        const v = row[h];
        if (v !== undefined && v !== null) ws.getCell(i + 2, c + 1).value = v as ExcelJS.CellValue;
      });
    });
  }
  await wb.xlsx.writeFile(target);
}

describe('the example workbook and its JSON twin', () => {
  test('hold the same tables and give the same results', async () => {
    const json = await example();
    const read = await readXlsx(path.join(ROOT, 'examples', 'poolshare-example.xlsx'));
    expect(read.warnings).toEqual([]);
    const names = new Set([...Object.keys(json.tables), ...Object.keys(read.input.tables)]);
    for (const name of names) expect([name, normalise(name, read.input.tables[name])]).toEqual([name, normalise(name, json.tables[name])]);
    expect(unplaced(run(read.input, { today: TODAY }))).toEqual(run(json, { today: TODAY }));
  });
});

describe('template -> filled -> readXlsx -> run -> results workbook', () => {
  test('the template has every input table, validation lists and instructions', async () => {
    const file = path.join(dir, 'template.xlsx');
    await writeTemplateXlsx(file, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // The same tables as the add-in's Insert template (src/workbook/template.ts): the engine's, then Options and Scenarios.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Instructions', ...TABLE_NAMES, 'Options', 'Scenarios']);
    for (const t of TEMPLATE_TABLES) {
      const ws = wb.getWorksheet(t.name)!;
      expect(ws.getTables().map((x) => (x as unknown as { table: { name: string } }).table.name)).toEqual([t.name]);
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(t.columns.map((c) => c.header));
    }
    expect(wb.getWorksheet('Instructions')!.getColumn(1).values.slice(1)).toEqual(instructions().map((l) => l || undefined));
    expect(wb.getWorksheet('Instructions')!.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    const list = (sheet: string, cell: string) => wb.getWorksheet(sheet)!.getCell(cell).dataValidation?.formulae?.[0];
    expect(list('Pools', 'B2')).toBe('"pooled,aligned"');
    expect(list('Pools', 'D50')).toBe('"proportional,fixed,lead,banded"');
    expect(list('Pools', 'F2')).toBe('"share,return,reserve"');
    expect(list('Pools', 'G2')).toBe('"net,gross"');
    expect(list('RiskShare', 'G2')).toBe('"proportional,fixed"');
    expect(list('Savings', 'F2')).toBe('"yes,no"');
    expect(list('Options', 'C2')).toBe('"proportional,fixed,lead,banded"');
    const rule = (sheet: string, cell: string) => wb.getWorksheet(sheet)!.getCell(cell).dataValidation;
    expect(rule('Pools', 'B2')?.errorStyle).toBeUndefined(); // a fixed list: anything else is stopped
    // The Setting column lists every documented setting but only warns, so any setting stays typeable.
    expect(rule('Settings', 'A2')).toMatchObject({ errorStyle: 'warning', formulae: [`"${TEMPLATE_SETTINGS.map((x) => x.setting).join(',')}"`] });
    // An untouched template reads as empty tables plus the default settings: no rows to run.
    const read = await readXlsx(file);
    expect(read.input.tables.Partners.filter((r) => Object.values(r).some((v) => v !== null))).toEqual([]);
    expect(normalise('Settings', read.input.tables.Settings).map((r) => r.Setting)).toEqual(['Units', 'Year start', 'Frequency', 'Netting', 'Materiality']);
  });

  test('figures and warning places survive the round trip; SheetJS reads the same figures', async () => {
    const json = await example();
    const tables = JSON.parse(JSON.stringify(json.tables)) as Record<string, RawRow[]>;
    tables.Contributions[2].Net = Number(tables.Contributions[2].Net) + 50; // a slip: NET_MISMATCH on row 3
    tables.Lines[4].Forecast = 'about 30m'; // NOT_A_NUMBER on Lines row 5: that pool fails
    const template = path.join(dir, 'rt-template.xlsx');
    const filled = path.join(dir, 'rt-filled.xlsx');
    const out = path.join(dir, 'rt-results.xlsx');
    await writeTemplateXlsx(template, {});
    await fill(template, filled, tables);
    const before = await fs.readFile(filled);

    const viaJson = run({ tables }, { today: TODAY });
    const read = await readXlsx(filled);
    const viaXlsx = run(read.input, { today: TODAY });
    expect(unplaced(viaXlsx)).toEqual(viaJson);
    expect(viaJson.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['NET_MISMATCH', 'NOT_A_NUMBER']));

    // Every warning about a table cell carries the sheet and cell, and that cell holds the value.
    const input = sheetjs(filled).book;
    const headers = Object.fromEntries(TABLE_NAMES.map((n) => [n, TABLES[n].columns.map((c) => c.header)]));
    for (const w of viaXlsx.warnings.filter((x) => x.table !== undefined && x.row !== undefined)) {
      expect(w.sheet).toBe(w.table);
      const { r, c } = XLSX.utils.decode_cell(w.cell!);
      expect(r).toBe(w.row!); // header on sheet row 1, data row n on sheet row n + 1 (0-based r = n)
      if (w.column !== undefined) {
        expect(headers[w.table!][c]).toBe(w.column);
        const typed = tables[w.table!][w.row! - 1][w.column];
        expect(input.Sheets[w.sheet!][w.cell!]?.v ?? null).toEqual(typed ?? null);
      }
    }
    const slip = viaXlsx.warnings.find((w) => w.code === 'NET_MISMATCH')!;
    expect([slip.sheet, slip.cell]).toEqual(['Contributions', 'G4']);
    expect(viaXlsx.warnings.find((w) => w.code === 'NOT_A_NUMBER')).toMatchObject({ sheet: 'Lines', cell: 'D6' });

    await writeResultsXlsx(out, viaXlsx, {});
    expect(await fs.readFile(filled)).toEqual(before); // the input is never written
    const { rows } = sheetjs(out);
    const partners = viaJson.positions.map((p) => p.partner);
    expect(Object.keys(rows)).toEqual(['Pool results', ...partners, 'Settlement', 'Statements', 'Warnings']);

    const pools = tableAfter(rows['Pool results'], 'Pool');
    expect(pools.map((p) => p.Pool)).toEqual(viaJson.pools.map((p) => p.pool));
    for (const p of ran(viaJson)) {
      const row = pools.find((x) => x.Pool === p.pool)!;
      expect([row.Budget, row.Outturn, row.Variance, row['Reserve used'], row['Reserve carried']])
        .toEqual([p.budget, p.outturn, p.variance, p.reserveUsed, p.reserveCarried].map(Number));
    }
    for (const p of viaJson.pools.filter(isFailedPool)) {
      expect(pools.find((x) => x.Pool === p.pool)!.Status).toMatch(/^not run: \d+ errors?/);
    }
    for (const code of partners) {
      const listed = tableAfter(rows[code], 'Pool', 'Net contribution');
      const mine = listed.filter((m) => m.Pool !== 'Total');
      const total = listed.find((m) => m.Pool === 'Total');
      if (mine.length > 1) expect(total!.Balance).toBeCloseTo(mine.reduce((a, m) => a + Number(m.Balance), 0), 2);
      const expected = ran(viaJson).flatMap((p) => p.partners.filter((x) => x.partner === code).map((x) => ({ pool: p.pool, x })));
      expect(mine.map((m) => [m.Pool, m['Net contribution'], m['Risk share'], m['Final cost'], m.Paid, m.Balance]))
        .toEqual(expected.map(({ pool, x }) => [pool, ...[x.net, x.riskShare, x.finalCost, x.paid, x.balance].map(Number)]));
      const schedule = tableAfter(rows[code], 'Pool', 'Due');
      const want = viaJson.schedules.filter((s) => s.partner === code || s.to === code);
      // Due months are Excel dates (serial days); a negative balancing payment is a refund from the host.
      const serial = (ym: string) => Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5)) - 1, 1) / 864e5 + 25569;
      expect(schedule.map((s) => [s.Pool, s.From, s.To, s.Due, s.Kind, s.Amount])).toEqual(want.map((s) =>
        (s.amount.startsWith('-') ? [s.pool, s.to, s.partner, serial(s.due), 'refund from host', -Number(s.amount)]
          : [s.pool, s.partner, s.to, serial(s.due), s.kind, Number(s.amount)])));
      const position = rows[code].find((r) => r[0] === 'Position (owes if positive)')![1];
      expect(position).toBe(Number(viaJson.positions.find((p) => p.partner === code)!.position));
    }
    const grossTable = tableAfter(rows.Settlement, 'Pool', 'From');
    const counts = tableAfter(rows.Settlement, 'Payments', 'Count');
    expect(counts).toEqual([
      { Payments: 'Before netting', Count: viaJson.netting.grossCount, Value: Number(viaJson.netting.grossValue) },
      { Payments: 'After netting', Count: viaJson.netting.netCount, Value: Number(viaJson.netting.netValue) },
    ]);
    // Two From/To/Amount tables: before netting (grossCount rows, each with its pool), then after netting.
    expect(grossTable.map((p) => [p.Pool, p.From, p.To, p.Amount])).toEqual(viaJson.netting.grossPayments.map((p) =>
      [p.pool, p.from, p.to, Number(p.amount)]));
    const afterAt = rows.Settlement.findIndex((r) => String(r[0]).startsWith('Payments after')) + 1;
    const afterHead = (rows.Settlement[afterAt] as string[]).map(String); // names may stand beside the codes
    const afterRows = rows.Settlement.slice(afterAt + 1).filter((r) => r[0] !== null).slice(0, viaJson.netting.netCount);
    const col = (h: string) => afterHead.findIndex((x) => x.startsWith(h));
    expect(afterRows.map((r) => [r[col('From')], r[col('To')], r[col('Amount')]])).toEqual(viaJson.netting.payments.map((p) => [p.from, p.to, Number(p.amount)]));
    const warnings = tableAfter(rows.Warnings, 'Severity');
    expect(warnings.map((w) => [w.Severity, w.Code, w.Sheet, w.Cell, w.Message]))
      .toEqual(viaXlsx.warnings.map((w) => [w.severity, w.code, w.sheet ?? null, w.cell ?? null, w.message]));
  });
});

describe('text from the user stays text', () => {
  test('partner, pool and line names that look like formulas are written as text', async () => {
    const hostile = ['=HYPERLINK("x")', '+44 1234', '@SUM(A1)', '-1+1'];
    const tables: Record<string, RawRow[]> = {
      Partners: hostile.map((p) => ({ Partner: p })),
      Pools: [{ Pool: '=1+1', Host: hostile[0] }],
      Lines: [{ Pool: '=1+1', Line: '+line', Forecast: 1100 }],
      Contributions: hostile.map((p, i) => ({ Pool: '=1+1', Line: '+line', Partner: p, Gross: (i + 1) * 100 })),
      Settings: [{ Setting: 'Year start', Value: '2025-04' }],
    };
    const book = path.join(dir, 'hostile.xlsx');
    await writeTablesXlsx(book, tables, {});
    const read = await readXlsx(book);
    expect(read.input.tables.Partners.map((r) => r.Partner)).toEqual(hostile);
    const result = run(read.input, { today: TODAY });
    expect(ran(result).map((p) => p.pool)).toEqual(['=1+1']);
    const out = path.join(dir, 'hostile-results.xlsx');
    await writeResultsXlsx(out, result, {});
    const { book: back } = sheetjs(out);
    const strings = new Set<string>();
    for (const name of back.SheetNames) {
      const ws = back.Sheets[name];
      for (const [addr, cell] of Object.entries(ws)) {
        if (addr.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f).toBeUndefined();
        if ((cell as XLSX.CellObject).t === 's') strings.add(String((cell as XLSX.CellObject).v));
      }
    }
    for (const s of [...hostile, '=1+1']) expect(strings).toContain(s);
    expect(back.SheetNames).toEqual(['Pool results', ...hostile, 'Settlement', 'Statements', 'Warnings']);
  });
});

describe('report blocks in an .xlsx file', () => {
  /** Partners, Pools and Lines tables, and a Report sheet with the spec's block at B20. */
  async function reportBook(file: string, net: number, partnerHeader = 'NHS commissioner'): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const put = (name: string, rows: unknown[][]) => {
      const ws = wb.addWorksheet(name);
      rows.forEach((r, i) => r.forEach((v, j) => { ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue; }));
      return ws;
    };
    put('Partners', [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'NHS commissioner']]);
    put('Pools', [['Pool', 'Kind', 'Host'], ['Adults with care and support needs', 'pooled', 'CC']]);
    put('Lines', [['Pool', 'Line', 'Forecast'], ['Adults with care and support needs', 'Learning disabilities', 83000],
      ['Adults with care and support needs', 'Mental health', 54000]]);
    put('Settings', [['Setting', 'Value'], ['Units', "£'000"], ['Year start', new Date(Date.UTC(2025, 3, 1))]]);
    const ws = put('Report', [['Cabinet report, appendix 2']]);
    ws.mergeCells('A1:F1'); // a merged title: its value is in A1 only
    const block: unknown[][] = [
      ['Pool 1: Adults with care and support needs', 'County Council', partnerHeader],
      [null, "£'000", "£'000"],
      ['Contributions to pool:', null, null],
      [{ richText: [{ text: 'Learning ' }, { font: { bold: true }, text: 'disabilities' }] }, 70000, 12000],
      ['Mental health', '9,000', 45000],
      ['Gross contribution', { formula: 'C23+C24', result: 79000 }, { formula: 'D23+D24', result: 57000 }],
      ['Less service user income', '(5,000)', 0],
      ['Net contribution', 74000, net],
    ];
    block.forEach((r, i) => r.forEach((v, j) => { ws.getCell(20 + i, 2 + j).value = v as ExcelJS.CellValue; }));
    await wb.xlsx.writeFile(file);
  }

  test('a slip in one net figure gives exactly one NET_MISMATCH at its cell, and that pool stops', async () => {
    const file = path.join(dir, 'report-slip.xlsx');
    await reportBook(file, 57500);
    const read = await readXlsx(file);
    expect(read.warnings.filter(notBlockSource)).toHaveLength(1);
    expect(read.warnings[0]).toMatchObject({ code: 'NET_MISMATCH', sheet: 'Report', cell: 'D27', pool: 'Adults with care and support needs' });
    expect(read.warnings[0].message).toMatch(/printed as 57,500\.00 .* 57,000\.00: difference 500\.00/);
    const result = run(read.input, { today: TODAY });
    expect(result.warnings.filter((w) => w.code === 'NET_MISMATCH')).toHaveLength(1);
    expect(isFailedPool(result.pools[0])).toBe(true);
  });

  test('figures that tie: no warning, and the block supplies the contributions', async () => {
    const file = path.join(dir, 'report-ok.xlsx');
    await reportBook(file, 57000);
    const read = await readXlsx(file);
    expect(read.warnings.filter(notBlockSource)).toEqual([]);
    expect(read.input.tables.Contributions).toHaveLength(4);
    const result = run(read.input, { today: TODAY });
    expect(result.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(result.units).toBe("£'000");
    const [pool] = ran(result);
    expect(pool.partners.map((p) => [p.partner, p.net])).toEqual([['CC', '74000.00'], ['ICB', '57000.00']]);
    expect(pool.budget).toBe('131000.00');
    expect(result.schedules[0]).toMatchObject({ partner: 'ICB', to: 'CC', due: '2025-04', amount: '4750.00' });
  });

  test('labels merged across two columns: values only in the merge\'s first cell, the block still found', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Report');
    const rows: unknown[][] = [
      ['Pool: Better Care Fund', 'CC', 'ICB'],
      ['Reablement', 100, 300],
      ['Gross contribution', 100, 300],
      ['Less grant funding', -40, null],
      ['Net contribution', 60, 300],
    ];
    rows.forEach((r, i) => {
      ws.getCell(i + 1, 1).value = r[0] as ExcelJS.CellValue;
      ws.mergeCells(i + 1, 1, i + 1, 2);
      ws.getCell(i + 1, 3).value = r[1] as ExcelJS.CellValue;
      ws.getCell(i + 1, 4).value = r[2] as ExcelJS.CellValue;
    });
    ws.getCell('D5').value = 310; // a slip
    const file = path.join(dir, 'merged.xlsx');
    await wb.xlsx.writeFile(file);
    const read = await readXlsx(file);
    expect(read.input.tables.Partners.map((r) => r.Partner)).toEqual(['CC', 'ICB']);
    expect(read.input.tables.Contributions.map((r) => [r.Line, r.Partner, r.Gross, r.Grant])).toEqual([
      ['Reablement', 'CC', '100', '40'], ['Reablement', 'ICB', '300', undefined],
    ]);
    expect(read.warnings.filter(notBlockSource).map((w) => [w.code, w.cell])).toEqual([['NET_MISMATCH', 'D5']]);
  });

  test('a partner spelt another way is reported at its header cell', async () => {
    const file = path.join(dir, 'report-misspelt.xlsx');
    await reportBook(file, 57000, 'NHS comissioner');
    const result = run((await readXlsx(file)).input, { today: TODAY });
    const unknown = result.warnings.filter((w) => w.code === 'UNKNOWN_PARTNER');
    expect(unknown.length).toBeGreaterThan(0);
    for (const w of unknown) expect([w.sheet, w.cell]).toEqual(['Report', 'D20']);
  });
});

describe('the committee-report example', () => {
  const file = path.join(ROOT, 'examples', 'committee-report.xlsx');

  test('its blocks tie and supply the contributions, located on the Report sheet', async () => {
    const read = await readXlsx(file);
    expect(read.warnings.filter(notBlockSource)).toEqual([]);
    expect(read.input.tables.Contributions).toHaveLength(12); // 6 lines x 2 partners; a dash is 0
    expect(read.input.locate?.('Contributions', 1, 'Gross')).toEqual({ sheet: 'Report', cell: 'B7' });
    const result = run(read.input, { today: TODAY });
    expect(result.warnings.filter(notBlockSource)).toEqual([]);
    expect(ran(result).map((p) => [p.pool, p.partners.map((x) => x.net)])).toEqual([
      ['Adults with care and support needs', ['74600.00', '58600.00']],
      ['Better Care Fund', ['3600.00', '26900.00']],
    ]);
  });

  test('a slip in one printed net gives exactly one NET_MISMATCH, at that cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('Report')!.getCell('C22').value = '26,990';
    const slipped = path.join(dir, 'committee-slip.xlsx');
    await wb.xlsx.writeFile(slipped);
    const result = run((await readXlsx(slipped)).input, { today: TODAY });
    expect(result.warnings.filter(notBlockSource).map((w) => [w.code, w.sheet, w.cell])).toEqual([
      ['NET_MISMATCH', 'Report', 'C22'],
      ['TOTAL_MISMATCH', 'Report', 'D22'], // the Total column no longer adds up either
    ]);
    expect(result.warnings[0].message).toMatch(/printed as 26,990\.00 .* 26,900\.00: difference 90\.00/);
    expect(ran(result).map((p) => p.pool)).toEqual(['Adults with care and support needs']);
  });
});

describe('files', () => {
  test('--out never overwrites without --force, and the input is not touched', async () => {
    const input = path.join(dir, 'cli-input.xlsx');
    const out = path.join(dir, 'cli-out.xlsx');
    await writeTablesXlsx(input, (await example()).tables, {});
    await fs.writeFile(out, 'keep me');
    const before = await fs.readFile(input);
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => void err.push(s) };
    expect(await main(['run', input, '--out', out], io)).toBe(2);
    expect(err.join('')).toMatch(/already exists.*--force/);
    expect(await fs.readFile(out, 'utf8')).toBe('keep me');
    await expect(writeResultsXlsx(out, run({ tables: {} }), {})).rejects.toThrow(/--force/);
    expect(await main(['run', input, '--out', out, '--force'], io)).toBe(0);
    expect(sheetjs(out).book.SheetNames[0]).toBe('Pool results');
    expect(await fs.readFile(input)).toEqual(before);
    expect(await main(['run', input, '--out', input, '--force'], io)).toBe(2);
    expect(err.join('')).toMatch(/is the input workbook/);
    expect(await fs.readFile(input)).toEqual(before);
    expect(await main(['template', out], io)).toBe(2);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('Excel errors, unsaved formulas and dates are read as the spec needs, each bad cell placed', async () => {
    const wb = new ExcelJS.Workbook();
    const put = (name: string, rows: unknown[][]) => {
      const ws = wb.addWorksheet(name);
      rows.forEach((r, i) => r.forEach((v, j) => { ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue; }));
    };
    put('Partners', [['Partner'], ['CC'], ['ICB']]);
    put('Pools', [['Pool', 'Host'], ['BCF', 'CC']]);
    put('Lines', [['Pool', 'Line', 'Forecast'], ['BCF', 'L', { formula: '1/0', result: { error: '#DIV/0!' } }]]);
    put('Contributions', [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'L', 'CC', 600], ['BCF', 'L', 'ICB', { formula: 'B2*2' }]]);
    put('Payments', [['Pool', 'Partner', 'Date', 'Amount'], ['BCF', 'ICB', new Date(Date.UTC(2025, 4, 15)), 100]]);
    const file = path.join(dir, 'cells.xlsx');
    await wb.xlsx.writeFile(file);
    const read = await readXlsx(file);
    expect(read.input.tables.Payments[0].Date).toBe('2025-05-15');
    expect(read.input.tables.Lines[0].Forecast).toBe('#DIV/0!');
    expect(read.warnings.map((w) => [w.code, w.sheet, w.cell])).toEqual([['INVALID_VALUE', 'Contributions', 'D3']]);
    expect(read.warnings[0].message).toMatch(/=B2\*2 has no saved result/);
    const result = run(read.input, { today: TODAY });
    expect(result.warnings.find((w) => w.code === 'NOT_A_NUMBER')).toMatchObject({ sheet: 'Lines', cell: 'C2' });
    // One error per cause: the reader's INVALID_VALUE on D3, not the engine's BLANK_REQUIRED as well.
    expect(result.warnings.filter((w) => w.sheet === 'Contributions' && w.cell === 'D3').map((w) => w.code))
      .toEqual(['INVALID_VALUE']);
  });

  test('the results workbook has frozen headers, Excel tables and currency formats', async () => {
    const out = path.join(dir, 'formats.xlsx');
    await writeResultsXlsx(out, run(await example(), { today: TODAY }), {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const pools = wb.getWorksheet('Pool results')!;
    expect(pools.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(pools.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name)).toEqual(['tblPoolResults']);
    expect(pools.getCell('E2').numFmt).toBe('"£"#,##0.00;-"£"#,##0.00');
    expect(typeof pools.getCell('E2').value).toBe('number');
    expect(pools.getColumn(5).width).toBeGreaterThan(12); // "£80,270,000.00"
    // Partner, Name and Units stay in view.
    expect(wb.getWorksheet('CC')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  test('a file that is not a workbook is a one-line error, not a crash', async () => {
    const bad = path.join(dir, 'not-a-book.xlsx');
    await fs.writeFile(bad, 'hello');
    await expect(readXlsx(bad)).rejects.toThrow(/not-a-book.xlsx is not an Excel workbook \(\.xlsx\): open it in Excel/);
    await expect(readXlsx(path.join(dir, 'missing.xlsx'))).rejects.toThrow(/no such file/);
  });
});
