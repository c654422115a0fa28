/**
 * Writes examples/poolshare-example.xlsx, the .xlsx twin of examples/poolshare-example.json:
 * every table of the JSON as an Excel table on a sheet of its name (tests/workbook/example.test.ts
 * checks that the two stay in sync). Run from the package root: `npm run example:xlsx` (compiled
 * with tsc into node_modules/.cache, no ts-node).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseInputJson } from '../src/engine';
import { writeTablesXlsx } from '../src/cli/xlsx';

export async function makeExampleXlsx(json: string, xlsx: string): Promise<void> {
  const input = parseInputJson(JSON.parse(await fs.readFile(json, 'utf8')));
  await writeTablesXlsx(xlsx, input.tables, { force: true });
}

if (require.main === module) {
  // npm runs scripts from the package root; arguments may name other files.
  const json = path.resolve(process.argv[2] ?? 'examples/poolshare-example.json');
  const xlsx = path.resolve(process.argv[3] ?? 'examples/poolshare-example.xlsx');
  makeExampleXlsx(json, xlsx).then(
    () => process.stdout.write(`wrote ${path.relative(process.cwd(), xlsx)} from ${path.relative(process.cwd(), json)}\n`),
    (e) => {
      process.stderr.write(`make-example-xlsx: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
