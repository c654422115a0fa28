/**
 * One table, one source (spec, reading 15), on real-looking workbooks (the example and the
 * committee report) changed the way people change them: a sheet named like a table beside the
 * Excel table, copies (`Contributions (2)`, `Copy of Contributions`), hidden and very hidden sheets,
 * a header merged over two columns. Also the pure reader on sparse sheets (what the add-in passes).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { isFailedPool, parseInputJson, run } from '../../src/engine';
import type { RunResult, Warning } from '../../src/engine';
import { readXlsx } from '../../src/cli/xlsx';
import { readWorkbook } from '../../src/workbook';
import type { CellValue, SheetData, WorkbookRead } from '../../src/workbook';

/** The note that report blocks supplied Contributions (tested in tests/realbook/findings.test.ts). */
const notBlockSource = (w: { code: string; table?: string }) => !(w.code === 'SOURCE_NOTE' && w.table === 'Contributions');


const ROOT = path.join(__dirname, '..', '..');
const TODAY = { today: new Date('2026-11-25T12:00:00Z') };
let dir: string;
let twin: RunResult;
let n = 0;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-sources-'));
  twin = run(parseInputJson(JSON.parse(await fs.readFile(path.join(ROOT, 'examples', 'poolshare-example.json'), 'utf8'))), TODAY);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The example workbook (or another), changed by `change`, saved and read back as the command line reads it. */
async function mutated(change: (wb: ExcelJS.Workbook) => void, book = 'poolshare-example.xlsx'): Promise<WorkbookRead> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, 'examples', book));
  change(wb);
  const file = path.join(dir, `book${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  return readXlsx(file);
}

/** Copies a sheet's cells (values only, no Excel table) to a new sheet. */
function copySheet(wb: ExcelJS.Workbook, from: string, to: string, edit?: (ws: ExcelJS.Worksheet) => void): ExcelJS.Worksheet {
  const src = wb.getWorksheet(from)!;
  const ws = wb.addWorksheet(to);
  src.eachRow((row, r) => row.eachCell((cell, c) => {
    ws.getCell(r, c).value = cell.value;
  }));
  edit?.(ws);
  return ws;
}

const strip = ({ sheet, cell, ...rest }: Warning): Warning => (void sheet, void cell, rest);
const figures = (r: RunResult) => ({ pools: r.pools, positions: r.positions, netting: r.netting, schedules: r.schedules });
const codes = (ws: Warning[]) => ws.map((w) => [w.code, w.severity, w.sheet, w.cell]);

describe('one table, one source', () => {
  test('an Excel table Contributions on one sheet and a sheet Contributions with other figures: AMBIGUOUS_TABLE, nothing guessed', async () => {
    const read = await mutated((wb) => {
      wb.getWorksheet('Contributions')!.name = 'Data';
      copySheet(wb, 'Data', 'Contributions', (ws) => {
        ws.getCell('D2').value = 6500000; // BCF Community health services, ICB: 6,050,000 in the table
      });
    });
    expect(codes(read.warnings)).toEqual([['AMBIGUOUS_TABLE', 'error', 'Data', 'A1']]);
    const [w] = read.warnings;
    expect(w.table).toBe('Contributions');
    expect(w.message).toBe('Data!A1: Contributions is in two places with different contents, the Excel table Contributions at '
      + 'Data!A1:H22 and the sheet Contributions (A1:H22); neither is read. Delete or rename the one that is not current, then run again.');
    expect(read.input.tables.Contributions).toBeUndefined();
    const result = run(read.input, TODAY);
    expect(result.pools.every(isFailedPool)).toBe(true); // no figures from a guess
    expect(result.warnings.filter((x) => x.code === 'AMBIGUOUS_TABLE')).toHaveLength(1);
  });

  test('an identical copy `Contributions (2)` is read once, with a note; the figures are the JSON twin\'s', async () => {
    const read = await mutated((wb) => {
      copySheet(wb, 'Contributions', 'Contributions (2)');
    });
    expect(codes(read.warnings)).toEqual([['SOURCE_NOTE', 'info', 'Contributions (2)', 'A1']]);
    expect(read.warnings[0].message).toBe("'Contributions (2)'!A1: the sheet 'Contributions (2)' (A1:H22) holds the same Contributions "
      + 'as the Excel table Contributions at Contributions!A1:H22; it is read once, from the latter.');
    const result = run(read.input, TODAY);
    expect(figures(result)).toEqual(figures(twin));
  });

  test('`Copy of Contributions` with one figure changed is ambiguous', async () => {
    const read = await mutated((wb) => {
      copySheet(wb, 'Contributions', 'Copy of Contributions', (ws) => {
        ws.getCell('E3').value = 1;
      });
    });
    expect(codes(read.warnings)).toEqual([['AMBIGUOUS_TABLE', 'error', 'Contributions', 'A1']]);
    expect(read.warnings[0].message).toContain("and the sheet 'Copy of Contributions' (A1:H22); neither is read.");
  });

  test('a hidden copy that differs is ambiguous too; the visible table is named first', async () => {
    const read = await mutated((wb) => {
      copySheet(wb, 'Contributions', 'Contributions (2)', (ws) => {
        ws.getCell('D5').value = 0;
        ws.state = 'hidden';
      });
    });
    expect(codes(read.warnings)).toEqual([['AMBIGUOUS_TABLE', 'error', 'Contributions', 'A1']]);
    expect(read.warnings[0].message).toContain("the sheet 'Contributions (2)' (A1:H22, a hidden sheet)");
  });

  test.each(['hidden', 'veryHidden'] as const)('a table on a %s sheet is read, with a note saying so', async (state) => {
    const read = await mutated((wb) => {
      wb.getWorksheet('Payments')!.state = state;
    });
    const kind = state === 'hidden' ? 'a hidden sheet' : 'a very hidden sheet';
    expect(read.warnings.map(strip)).toEqual([{
      code: 'SOURCE_NOTE', severity: 'info', table: 'Payments',
      message: `Payments!A1: Payments is read from the Excel table Payments at Payments!A1:E7, ${kind}; unhide it to see what is read.`,
    }]);
    expect(figures(run(read.input, TODAY))).toEqual(figures(twin));
  });

  test('report blocks on a hidden sheet are read, with a note', async () => {
    const visible = await mutated(() => undefined, 'committee-report.xlsx');
    const read = await mutated((wb) => {
      wb.getWorksheet('Report')!.state = 'hidden';
    }, 'committee-report.xlsx');
    const notes = read.warnings.filter((w) => w.code === 'SOURCE_NOTE').filter(notBlockSource);
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toMatch(/^Report!A\d+: the report blocks on a hidden sheet Report are read; unhide it/);
    expect(figures(run(read.input, TODAY))).toEqual(figures(run(visible.input, TODAY)));
    expect(read.input.tables.Contributions?.length).toBeGreaterThan(0);
  });
});

describe('a header merged over two columns', () => {
  test('Gross merged over Gross and Income (a plain sheet): MERGED_HEADER on the cell, the table not read', async () => {
    const read = await mutated((wb) => {
      const ws = wb.getWorksheet('Contributions')!;
      ws.removeTable('Contributions');
      ws.mergeCells('D1:E1');
    });
    expect(codes(read.warnings)).toEqual([['MERGED_HEADER', 'error', 'Contributions', 'D1']]);
    expect(read.warnings[0].message).toBe('Contributions!D1: a header of Contributions is merged over D1:E1, so a column has no '
      + 'header and Contributions is not read; unmerge the cells and type a header in each column, then run again.');
    expect(read.input.tables.Contributions).toBeUndefined();
    expect(run(read.input, TODAY).pools.every(isFailedPool)).toBe(true);
  });

  test('the same sheet unmerged reads to the twin (the mutation is what the error is about)', async () => {
    const read = await mutated((wb) => {
      wb.getWorksheet('Contributions')!.removeTable('Contributions');
    });
    expect(read.warnings).toEqual([]);
    expect(figures(run(read.input, TODAY))).toEqual(figures(twin));
  });

  test('the add-in path: merges given on SheetData; a merge away from the header, or within one column, is no error', () => {
    const values: CellValue[][] = [
      ['Setting', 'Value'],
      ['Units', '£'],
    ];
    const at = (merges: string[]) => readWorkbook([{ name: 'Settings', values, merges }]).warnings.map((w) => [w.code, w.cell]);
    expect(at(['A1:B1'])).toEqual([['MERGED_HEADER', 'A1']]);
    expect(at(['A2:B2', 'A1:A2'])).toEqual([]);
    expect(at(['C1:D1'])).toEqual([]);
  });
});

test('copy marks: `Payments_2` (LibreOffice) is a copy, `Payments_2025` is a sheet of its own', () => {
  const pay = (amount: number): CellValue[][] => [['Pool', 'Partner', 'Period', 'Amount'], ['BCF', 'ICB', '2025-04', amount]];
  const read = (name: string) => readWorkbook([{ name: 'Payments', values: pay(5) }, { name, values: pay(6) }]).warnings;
  expect(read('Payments_2').map((w) => w.code)).toEqual(['AMBIGUOUS_TABLE']);
  expect(read('Payments_2025')).toEqual([]);
});

describe('sparse sheets', () => {
  test('a table and a report block with cells at row 1,048,576 and column XFD are read from what exists', () => {
    const values: CellValue[][] = [];
    values[0] = ['Partner', 'Name'];
    values[1] = ['CC', 'County Council'];
    values[1_048_575] = ['ICB', 'NHS commissioner'];
    const report: CellValue[][] = [];
    const row = (r: number, cells: CellValue[]) => {
      const out: CellValue[] = [];
      cells.forEach((v, i) => {
        out[16_381 + i] = v;
      });
      report[r] = out;
    };
    row(1_000_000, ['Pool: BCF', 'CC', 'ICB']);
    row(1_000_001, ['Care', 10, 20]);
    row(1_000_002, ['Gross', 10, 20]);
    row(1_000_003, ['Net', 10, 20]);
    const sheets: SheetData[] = [{ name: 'Partners', values }, { name: 'Report', values: report }];
    const read = readWorkbook(sheets);
    const partners = read.input.tables.Partners;
    expect(partners).toHaveLength(1_048_575);
    expect(partners[1_048_574]).toEqual({ Partner: 'ICB', Name: 'NHS commissioner' });
    expect(read.input.locate?.('Partners', 1_048_575, 'Name')).toEqual({ sheet: 'Partners', cell: 'B1048576' });
    expect(read.input.tables.Contributions).toEqual([
      { Pool: 'BCF', Line: 'Care', Partner: 'CC', Gross: '10' },
      { Pool: 'BCF', Line: 'Care', Partner: 'ICB', Gross: '20' },
    ]);
    expect(read.input.locate?.('Contributions', 2, 'Gross')).toEqual({ sheet: 'Report', cell: 'XFD1000002' });
    expect(read.warnings.filter(notBlockSource)).toEqual([]);
  });
});

describe('properties', () => {
  /** A Payments sheet of random rows (some cells blank). */
  const payments = fc.array(fc.tuple(
    fc.constantFrom('BCF', 'LD', 'MH'), fc.constantFrom('CC', 'ICB', null), fc.constantFrom('2025-04', '2025-05', null),
    fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constant(null)),
  ), { minLength: 1, maxLength: 12 }).map((rows): CellValue[][] => [['Pool', 'Partner', 'Period', 'Amount'], ...rows]);

  test('a sheet read dense or sparse (blank cells and rows left as holes) gives the same tables and places', () => {
    fc.assert(fc.property(payments, fc.integer({ min: 0, max: 3 }), (values, gap) => {
      const padded = [...Array.from({ length: gap }, () => [null, null, null, null]), ...values];
      const sparse: CellValue[][] = [];
      padded.forEach((row, r) => row.forEach((v, c) => {
        if (v !== null) (sparse[r] ??= [])[c] = v;
      }));
      const dense = readWorkbook([{ name: 'Payments', values: padded }]);
      const holes = readWorkbook([{ name: 'Payments', values: sparse }]);
      const norm = (rows: Record<string, CellValue>[] = []) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? null])));
      expect(norm(holes.input.tables.Payments)).toEqual(norm(dense.input.tables.Payments));
      const n = dense.input.tables.Payments?.length ?? 0;
      for (let row = 1; row <= n; row++) expect(holes.input.locate?.('Payments', row, 'Amount')).toEqual(dense.input.locate?.('Payments', row, 'Amount'));
    }));
  });

  test('an identical copy changes nothing but a note; any one cell changed makes it ambiguous and the table unread', () => {
    fc.assert(fc.property(payments, fc.nat(), fc.constantFrom('Payments (2)', 'Copy of Payments', 'Payments_3'), (values, pick, copy) => {
      const alone = readWorkbook([{ name: 'Payments', values }]);
      const twins = readWorkbook([{ name: 'Payments', values }, { name: copy, values: values.map((r) => [...r]) }]);
      expect(twins.input.tables.Payments).toEqual(alone.input.tables.Payments);
      expect(twins.warnings.map((w) => w.code)).toEqual([...alone.warnings.map((w) => w.code), 'SOURCE_NOTE']);
      const changed = values.map((r) => [...r]);
      const r = 1 + (pick % (values.length - 1 || 1));
      changed[r][3] = typeof changed[r][3] === 'number' ? changed[r][3] + 1 : 7;
      const differ = readWorkbook([{ name: 'Payments', values }, { name: copy, values: changed }]);
      expect(differ.warnings.filter((w) => w.code === 'AMBIGUOUS_TABLE')).toHaveLength(1);
      expect(differ.input.tables.Payments).toBeUndefined();
    }));
  });
});
