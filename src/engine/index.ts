/**
 * Poolshare's engine: pure TypeScript, no Office, no files, no DOM.
 * Where each rule of docs/rules.md lives:
 * - input tables, header matching, blanks, total rows: tables.ts; numbers (and "-" as 0): numbers.ts
 * - Settings, and the year used (Year start, or the Payments' periods): settings.ts
 * - the model, one module per table: model/partners.ts, pools.ts, lines.ts (and blank forecasts),
 *   contributions.ts (rule 1's net; negative deductions), riskshare.ts (percents, caps, bands),
 *   savings.ts, payments.ts; amounts in the wrong units: model/units.ts; cross-references: model/context.ts
 * - rules 1–4, 7, 8 (net, outturn, savings, reserve, final cost, settlement): pool.ts
 * - rule 5 (methods, underspend): share.ts; rule 6 (caps): caps.ts
 * - rule 9 (netting): netting.ts; rule 10 (schedules): schedule.ts
 * - the money rule (the one split function): money.ts
 * - warnings and their codes, "did you mean": warnings.ts; the whole job: run.ts
 */

export * from './types';
export { run, runHanded, hasErrors, type HandedInput } from './run';
export { monitor, isMonitorPool } from './monitor';
export type * from './monitor/types';
export { Decimal, allocate, splitEqually, toMoney, groupMoney, toFraction } from './money';
export { parseNumber, isBlank } from './numbers';
export { multilateral, bilateral } from './netting';
export { instalments, addMonths, balancingDue } from './schedule';
export { inferYearStart } from './settings';
export { SEVERITY } from './warnings';
export { InputError } from './errors';
export { parseInputJson } from './json';
