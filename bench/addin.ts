/**
 * The add-in's round trips on the generated 10k workbook: src/excel/adapter.ts's
 * validateWorkbook and buildSchedules against the counting fake of Excel (./excel-fake.ts).
 * Each spec table sits on its own sheet as an Excel table (Settings as a plain sheet range).
 */
import { FakeExcel, type FakeSheetSpec } from './excel-fake';
import { toGrid } from './functions';
import type { GeneratedWorkbook } from './generate';
import type { Figures } from './targets';

interface JobReport {
  warnings: unknown[];
  written: string[];
  syncs: { read: number; write: number };
}
interface Adapter {
  validateWorkbook(store: FakeExcel['store']): Promise<JobReport>;
  buildSchedules(store: FakeExcel['store']): Promise<JobReport>;
}

/** The workbook as the user's sheets: one sheet per table, an Excel table on each but Settings. */
export function workbookSheets(wb: GeneratedWorkbook): FakeSheetSpec[] {
  return Object.entries(wb.tables).map(([name, rows]) => ({
    name,
    values: toGrid(rows.length ? rows : [{ [name === 'Settings' ? 'Setting' : 'Pool']: null }]),
    ...(name === 'Settings' ? {} : { table: name }),
  }));
}

export async function measureAddin(wb: GeneratedWorkbook): Promise<Figures> {
  const fake = new FakeExcel(workbookSheets(wb));
  fake.install();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const adapter = require('../src/excel/adapter') as Adapter;
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  const before = JSON.stringify(fake.userCells());

  let t = clock();
  let s0 = fake.syncs;
  const v = await adapter.validateWorkbook(fake.store);
  const validateMs = clock() - t;
  const validateSyncsCounted = fake.syncs - s0;

  t = clock();
  s0 = fake.syncs;
  const b = await adapter.buildSchedules(fake.store);
  const scheduleMs = clock() - t;
  const scheduleSyncsCounted = fake.syncs - s0;

  // A second build replaces Poolshare's own sheets and must still leave the user's alone.
  s0 = fake.syncs;
  const b2 = await adapter.buildSchedules(fake.store);
  const rebuildSyncsCounted = fake.syncs - s0;

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
    reportedMatchesCounted: v.syncs.read + v.syncs.write === validateSyncsCounted && b.syncs.read + b.syncs.write === scheduleSyncsCounted,
    validateMs: r1(validateMs),
    scheduleMs: r1(scheduleMs),
    sheetsWritten: b.written.length,
    rebuildSheetsWritten: b2.written.length,
    warnings: v.warnings.length,
    userSheetWrites: fake.userSheetWrites().length,
    userCellsUnchanged: JSON.stringify(fake.userCells()) === before,
  };
}
