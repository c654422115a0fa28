/**
 * Writes the example workbooks:
 * - examples/poolshare-example.xlsx, the .xlsx twin of examples/poolshare-example.json: every
 *   table of the JSON as an Excel table on a sheet of its name (tests/workbook/xlsx.test.ts checks
 *   that the two stay in sync);
 * - examples/committee-report.xlsx: Partners, Pools, Lines, Payments and Settings tables and a
 *   `Report` sheet laid out like a cabinet report, whose two blocks supply the contributions.
 * Run from the package root: `npm run example:xlsx` (compiled with tsc into node_modules/.cache,
 * no ts-node).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseInputJson } from '../src/engine';
import type { CellValue, RawRow } from '../src/engine';
import { writeTablesXlsx } from '../src/cli/xlsx';

export async function makeExampleXlsx(json: string, xlsx: string): Promise<void> {
  const input = parseInputJson(JSON.parse(await fs.readFile(json, 'utf8')));
  await writeTablesXlsx(xlsx, input.tables, { force: true });
}

const ADULTS = 'Adults with care and support needs';
const BCF = 'Better Care Fund';

/** The committee-report example: figures in £'000, the blocks as a report prints them. */
export async function makeReportExampleXlsx(xlsx: string): Promise<void> {
  const tables: Record<string, RawRow[]> = {
    Partners: [{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB', Name: 'NHS commissioner' }],
    Pools: [
      { Pool: ADULTS, Kind: 'pooled', Host: 'CC', Method: 'proportional', Reserve: 0, Underspend: 'share', Basis: 'net' },
      { Pool: BCF, Kind: 'pooled', Host: 'ICB', Method: 'proportional', Reserve: 500, Underspend: 'share', Basis: 'net' },
    ],
    Lines: [
      { Pool: ADULTS, Line: 'Learning disabilities', Lead: 'CC', Forecast: 80100 },
      { Pool: ADULTS, Line: 'Mental health', Lead: 'ICB', Forecast: 53700 },
      { Pool: ADULTS, Line: 'Acquired brain injury', Lead: 'ICB', Forecast: 2200 },
      { Pool: BCF, Line: 'Community health services', Lead: 'ICB', Forecast: 24300 },
      { Pool: BCF, Line: 'Reablement', Lead: 'CC', Forecast: 6000 },
      { Pool: BCF, Line: 'Disabled facilities grants', Lead: 'CC', Forecast: 0 },
    ],
    Payments: [
      { Pool: ADULTS, Partner: 'ICB', Period: '2025-09', Amount: 29300 },
      { Pool: BCF, Partner: 'CC', Period: '2025-09', Amount: 1800 },
    ],
    Settings: [{ Setting: 'Units', Value: "£'000" }, { Setting: 'Year start', Value: '2025-04' }],
  };
  const report: CellValue[][] = [
    ['Cabinet, 12 March 2026. Appendix 2: Section 75 pooled budgets 2025/26'],
    ['Contributions as agreed by the Joint Management Group.'],
    [],
    [`Pool 1: ${ADULTS}`, 'County Council', 'NHS commissioner'],
    [null, "£'000", "£'000"],
    ['Contributions to pool:'],
    ['Learning disabilities', 70000, 12000],
    ['Mental health', 9000, 45000],
    ['Acquired brain injury', 600, 1600],
    ['Gross contribution', 79600, 58600],
    ['Less service user income', -5000, 0],
    ['Less grant funding', 0, 0],
    ['Net contribution', 74600, 58600],
    [],
    [`Pool 2: ${BCF}`, 'County Council', 'NHS commissioner', 'Total'],
    [null, "£'000", "£'000", "£'000"],
    ['Community health services', '-', '24,500', '24,500'],
    ['Reablement', '3,600', '2,400', '6,000'],
    ['Disabled facilities grants', '4,200', '-', '4,200'],
    ['Gross contribution', '7,800', '26,900', '34,700'],
    ['Less Disabled Facilities Grant', '(4,200)', '-', '(4,200)'],
    ['Net contribution', '3,600', '26,900', '30,500'],
  ];
  await writeTablesXlsx(xlsx, tables, { force: true, sheets: [{ name: 'Report', values: report }] });
}

if (require.main === module) {
  // npm runs scripts from the package root.
  const json = path.resolve('examples/poolshare-example.json');
  const twin = path.resolve('examples/poolshare-example.xlsx');
  const report = path.resolve('examples/committee-report.xlsx');
  Promise.all([makeExampleXlsx(json, twin), makeReportExampleXlsx(report)]).then(
    () => process.stdout.write(`wrote ${path.relative('.', twin)} (from ${path.relative('.', json)}) and ${path.relative('.', report)}\n`),
    (e) => {
      process.stderr.write(`make-example-xlsx: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
