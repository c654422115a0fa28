/**
 * Workbooks as each producer users have writes them (tests/fixtures/producers, made by
 * scripts/make-producer-fixtures.ts from examples/poolshare-example.json) read to the same figures
 * as the JSON: exceljs, openpyxl (table parts linked by absolute path), LibreOffice Calc, SheetJS,
 * and hand-made files with the traits of Google Sheets' download and Numbers' export.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { isFailedPool, parseInputJson, run } from '../../src/engine';
import type { RunResult, Warning } from '../../src/engine';
import { readXlsx } from '../../src/cli/xlsx';
import { partText } from './zip';

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, 'tests', 'fixtures', 'producers');
const TODAY = { today: new Date('2026-11-25T12:00:00Z') };

/** A result without the workbook places of its warnings (a JSON run has none). */
function unplaced(r: RunResult): RunResult {
  const strip = ({ sheet, cell, ...rest }: Warning): Warning => (void sheet, void cell, rest);
  return { ...r, warnings: r.warnings.map(strip), pools: r.pools.map((p) => (isFailedPool(p) ? { ...p, errors: p.errors.map(strip) } : p)) };
}

let twin: RunResult;
beforeAll(async () => {
  const json = JSON.parse(await fs.readFile(path.join(ROOT, 'examples', 'poolshare-example.json'), 'utf8'));
  twin = run(parseInputJson(json), TODAY);
});

const PRODUCERS = ['exceljs', 'openpyxl', 'libreoffice', 'sheetjs', 'google-sheets-like', 'numbers-like'];

describe.each(PRODUCERS)('%s.xlsx', (producer) => {
  test('reads to the same figures as the JSON twin', async () => {
    const file = path.join(DIR, `${producer}.xlsx`);
    const { size } = await fs.stat(file);
    expect(size).toBeLessThan(32 * 1024); // a few KB: a fixture, not a data set
    const read = await readXlsx(file);
    expect(read.warnings).toEqual([]);
    const result = run(read.input, TODAY);
    expect(result.pools.filter(isFailedPool)).toEqual([]);
    expect(unplaced(result)).toEqual(twin);
  });
});

test('openpyxl links its table parts by absolute path, which the reader follows', async () => {
  const rels = await partText(await fs.readFile(path.join(DIR, 'openpyxl.xlsx')), 'xl/worksheets/_rels/sheet1.xml.rels');
  expect(rels).toContain('Target="/xl/tables/table1.xml"');
  const read = await readXlsx(path.join(DIR, 'openpyxl.xlsx'));
  expect(read.input.locate?.('Partners', 1, 'Name')).toEqual({ sheet: 'Partners', cell: 'B2' });
});

test('the Numbers-like file really has prefixed tags and inline strings (what the reader must cope with)', async () => {
  const sheet = await partText(await fs.readFile(path.join(DIR, 'numbers-like.xlsx')), 'xl/worksheets/sheet1.xml');
  expect(sheet).toMatch(/<x:worksheet xmlns:x=/);
  expect(sheet).toContain('t="inlineStr"');
  expect(sheet).not.toContain('<dimension');
});
