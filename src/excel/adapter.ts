/**
 * The Office adapter: the only code that talks to Excel (Office.js), one file per job.
 *   ./host.ts      one Excel.run per job, round trips counted, API sets, selectCell, the settings;
 *   ./read.ts      reading the workbook (the inputs of every job);
 *   ./write.ts     writing Poolshare's sheets and their marks;
 *   ./job.ts       a job that computes from the read workbook and writes sheets;
 *   ./validate.ts  Validate; ./build.ts Build schedules; ./monitoring.ts Monitoring; ./options.ts Options;
 *   ./template.ts  Insert template.
 * Every job reads everything it needs first, computes with the engine, then writes.
 * Poolshare's state lives in its own sheets' custom properties, never in the document settings
 * (`settings.saveAsync` clears Excel's undo history). Sheets are rewritten in place, never
 * deleted or renamed (both clear the undo history too), and each job is one undo step where the
 * host has undo groups (ExcelApi 1.20). A user's sheet is never written; no input table is.
 */
export { PartialWriteError, officeStore, selectCell, type JobReport, type Progress } from './host';
export { validateWorkbook } from './validate';
export { buildSchedules } from './build';
export { monitorWorkbook } from './monitoring';
export { optionsWorkbook, type OptionsReport } from './options';
export { insertTemplate } from './template';
