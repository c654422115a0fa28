/**
 * Writes tests/fixtures/producers/*.xlsx: the example workbook (examples/poolshare-example.json) as
 * each producer users have saves it, so tests/workbook/producers.test.ts can check that every one
 * reads to the same figures as the JSON.
 * - exceljs.xlsx: Poolshare's own writer (exceljs), Excel tables on sheets named like them;
 * - openpyxl.xlsx: openpyxl (python3 with openpyxl; PYTHON=/usr/bin/python3 by default), Excel
 *   tables whose parts are linked by absolute path (Target="/xl/tables/table1.xml");
 * - libreoffice.xlsx: LibreOffice Calc (`soffice --headless --convert-to xlsx` of openpyxl.xlsx);
 * - sheetjs.xlsx: SheetJS (the xlsx package), plain sheets named like the tables, no Excel tables;
 * - google-sheets-like.xlsx and numbers-like.xlsx: made by hand (tests/workbook/zip.ts), since
 *   Google Sheets' download and Numbers' export cannot be made here. They reproduce the traits
 *   those files are known for: inline strings (t="inlineStr"), no shared strings, no styles, no
 *   Excel tables, no <dimension>; numbers-like.xlsx writes the main namespace with a prefix (x:)
 *   and names a second table's sheet "Sheet - Table" as Numbers does.
 * Run from the package root (compiled with tsc into a scratch folder, no ts-node):
 *   npx tsc --outDir /tmp/poolshare-scripts --rootDir . --module commonjs --target ES2020 \
 *     --esModuleInterop --resolveJsonModule --skipLibCheck --strict --types node scripts/make-producer-fixtures.ts \
 *   && NODE_PATH=$PWD/node_modules node /tmp/poolshare-scripts/scripts/make-producer-fixtures.js
 */
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from 'xlsx';
import { parseInputJson } from '../src/engine';
import type { CellValue, RawRow } from '../src/engine';
import { TABLES, TABLE_NAMES } from '../src/engine/tables';
import { writeTablesXlsx } from '../src/cli/xlsx';
import { handXlsx } from '../tests/workbook/zip';

const ROOT = process.cwd();
const SOURCE = path.join(ROOT, 'examples', 'poolshare-example.json');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'producers');

type Cell = string | number | boolean | null;

/** Each table of the example as rows of cells, header first (the spec's columns, blanks as null). */
export async function exampleGrids(): Promise<Array<{ name: string; rows: Cell[][] }>> {
  const input = parseInputJson(JSON.parse(await fs.readFile(SOURCE, 'utf8')));
  const tables = input.tables as Record<string, RawRow[]>;
  return TABLE_NAMES.filter((n) => tables[n] !== undefined).map((name) => {
    const headers = TABLES[name].columns.map((c) => c.header);
    const cell = (v: CellValue): Cell => (v === undefined || v === '' ? null : v);
    return { name, rows: [headers, ...tables[name].map((r) => headers.map((h) => cell(r[h])))] };
  });
}

const OPENPYXL = `
import json, sys
from openpyxl import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.utils import get_column_letter
grids = json.load(open(sys.argv[1]))
wb = Workbook()
wb.remove(wb.active)
for g in grids:
    ws = wb.create_sheet(g['name'])
    for row in g['rows']:
        ws.append(row)
    ref = 'A1:%s%d' % (get_column_letter(len(g['rows'][0])), len(g['rows']))
    ws.add_table(Table(displayName=g['name'], ref=ref))
wb.save(sys.argv[2])
`;

async function main(): Promise<void> {
  await fs.mkdir(FIXTURES, { recursive: true });
  const grids = await exampleGrids();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-fixtures-'));
  try {
    const input = parseInputJson(JSON.parse(await fs.readFile(SOURCE, 'utf8')));
    await writeTablesXlsx(path.join(FIXTURES, 'exceljs.xlsx'), input.tables, { force: true });

    const json = path.join(tmp, 'grids.json');
    await fs.writeFile(json, JSON.stringify(grids));
    const openpyxl = path.join(FIXTURES, 'openpyxl.xlsx');
    execFileSync(process.env.PYTHON ?? '/usr/bin/python3', ['-c', OPENPYXL, json, openpyxl], { stdio: 'inherit' });

    execFileSync('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', tmp, openpyxl], { stdio: 'inherit' });
    await fs.copyFile(path.join(tmp, 'openpyxl.xlsx'), path.join(FIXTURES, 'libreoffice.xlsx'));

    const book = XLSX.utils.book_new();
    for (const g of grids) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(g.rows), g.name);
    await fs.writeFile(path.join(FIXTURES, 'sheetjs.xlsx'), XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));

    await fs.writeFile(path.join(FIXTURES, 'google-sheets-like.xlsx'), handXlsx(grids));
    // Numbers names the sheet of a second table on one sheet "Sheet - Table": here, an unrelated sheet.
    const numbers = [...grids, { name: 'Summary - Table 2', rows: [['Note'], ['Exported from Numbers']] as Cell[][] }];
    await fs.writeFile(path.join(FIXTURES, 'numbers-like.xlsx'), handXlsx(numbers, 'x'));
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
