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
import { z } from 'zod';
import type { WorkbookInput } from './types';

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

/** The input could not be read at all (the command line's exit 2). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The outer shape, checked by zod; each row's cells are checked in one pass below (no copy of 100k rows). */
const inputSchema = z.object({
  tables: z.record(z.string(), z.array(z.unknown())),
});

const CELL_HINT = '(each table is a list of rows; each row maps headers to a number, text, true/false or null)';

function badCell(path: string, what: string): InputError {
  return new InputError(`not a Poolshare workbook: at ${path}: ${what} ${CELL_HINT}`);
}

/** Checks the JSON form `{ "tables": { "Partners": [ {...} ], ... } }` and returns it typed. */
export function parseInputJson(value: unknown): WorkbookInput {
  const parsed = inputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.');
    const hint = path === '' ? 'expected an object with a "tables" member' : `at ${path}: ${issue.message}`;
    throw new InputError(`not a Poolshare workbook: ${hint} ${CELL_HINT}`);
  }
  for (const [name, rows] of Object.entries(parsed.data.tables)) {
    rows.forEach((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw badCell(`tables.${name}.${i}`, 'a row must be an object');
      }
      for (const key in row) {
        const v = (row as Record<string, unknown>)[key];
        if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
        if (typeof v === 'number') continue; // 1e400 parses as Infinity: INVALID_VALUE on its cell (tables.ts)
        const what = Array.isArray(v) ? 'a list' : typeof v;
        throw badCell(`tables.${name}.${i}.${key}`, `expected a number, text, true/false or null, not ${what}`);
      }
    });
  }
  return parsed.data as WorkbookInput;
}
