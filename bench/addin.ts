/**
 * The add-in's round trips on the generated workbook: src/excel/adapter.ts's validateWorkbook and
 * buildSchedules against the one fake of Excel (tests/addin/fake-excel.js: counts syncs, logs
 * writes, refuses a request or response over Excel on the web's 5 MB). Each spec table sits on its
 * own sheet as an Excel table (Settings as a plain sheet range).
 */
import * as fs from 'fs';
import * as path from 'path';
import { toGrid } from './functions';
import type { GeneratedWorkbook } from './generate';
import type { Figures } from './targets';

interface JobReport {
  warnings: unknown[];
  written: string[];
  notes: string[];
  syncs: { read: number; write: number };
}
interface Adapter {
  validateWorkbook(): Promise<JobReport>;
  buildSchedules(): Promise<JobReport>;
}
export interface FakeSheetSpec {
  name: string;
  values: Array<Array<string | number | boolean | null>>;
  table?: string;
  top?: number;
  left?: number;
}
/** The fake's workbook, as far as the bench and the robustness test look at it. */
export interface FakeWorkbook {
  sheets: Array<{ id: string; name: string; user: boolean }>;
  writes: Array<{ kind: string; sheet: string; sheetId: string; address?: string }>;
  maxRequest: number;
  maxResponse: number;
  userSheetWrites(): unknown[];
  userCells(): Record<string, string>;
}
interface Fake {
  fromSpecs(specs: FakeSheetSpec[]): FakeWorkbook;
  install(target: unknown, wb: FakeWorkbook, opts: object): { syncCounts(): number[] };
}

/**
 * The fake, from the working directory (`npm run bench` and Jest run at the repository's root;
 * the compiled bench lives in node_modules/.cache, which may be shared), else from here upwards.
 */
export function fakeExcel(): Fake {
  const rel = path.join('tests', 'addin', 'fake-excel.js');
  for (let dir = __dirname, up = [process.cwd()]; ; dir = path.dirname(dir)) {
    const file = [...up, dir].map((d) => path.join(d, rel)).find((f) => fs.existsSync(f));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (file) return require(file) as Fake;
    up = [];
    if (path.dirname(dir) === dir) throw new Error(`the add-in bench: ${rel} not found`);
  }
}

/** The workbook as the user's sheets: one sheet per table, an Excel table on each but Settings. */
export function workbookSheets(wb: GeneratedWorkbook): FakeSheetSpec[] {
  return Object.entries(wb.tables).map(([name, rows]) => ({
    name,
    values: toGrid(rows.length ? rows : [{ [name === 'Settings' ? 'Setting' : 'Pool']: null }]),
    ...(name === 'Settings' ? {} : { table: name }),
  }));
}

export async function measureAddin(generated: GeneratedWorkbook): Promise<Figures> {
  const fake = fakeExcel();
  const wb = fake.fromSpecs(workbookSheets(generated));
  const host = fake.install(globalThis, wb, { office: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const adapter = require('../src/excel/adapter') as Adapter;
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  const counted = () => host.syncCounts().reduce((a, b) => a + b, 0);
  const before = JSON.stringify(wb.userCells());

  let t = clock();
  let s0 = counted();
  const v = await adapter.validateWorkbook();
  const validateMs = clock() - t;
  const validateSyncsCounted = counted() - s0;

  t = clock();
  s0 = counted();
  const b = await adapter.buildSchedules();
  const scheduleMs = clock() - t;
  const scheduleSyncsCounted = counted() - s0;

  // A second build rewrites Poolshare's own sheets in place and must still leave the user's alone.
  s0 = counted();
  const b2 = await adapter.buildSchedules();
  const rebuildSyncsCounted = counted() - s0;

  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    validateSyncs: validateSyncsCounted,
    validateRead: v.syncs.read,
    validateWrite: v.syncs.write,
    validateReadMax: Math.max(v.syncs.read, v.syncs.write),
    scheduleSyncs: scheduleSyncsCounted,
    scheduleRead: b.syncs.read,
    scheduleWrite: b.syncs.write,
    scheduleReadMax: Math.max(b.syncs.read, b.syncs.write),
    rebuildSyncs: rebuildSyncsCounted,
    reportedMatchesCounted: v.syncs.read + v.syncs.write === validateSyncsCounted
      && b.syncs.read + b.syncs.write === scheduleSyncsCounted,
    maxRequestBytes: wb.maxRequest,
    maxResponseBytes: wb.maxResponse,
    validateMs: r1(validateMs),
    scheduleMs: r1(scheduleMs),
    sheetsWritten: b.written.length,
    rebuildSheetsWritten: b2.written.length,
    warnings: v.warnings.length,
    userSheetWrites: wb.userSheetWrites().length,
    userCellsUnchanged: JSON.stringify(wb.userCells()) === before,
  };
}
