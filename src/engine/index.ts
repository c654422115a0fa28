/**
 * Poolshare's engine: pure TypeScript, no Office, no files, no DOM.
 * Where each rule of ../shared/spec/workbook.md lives:
 * - input tables, header matching, numbers: tables.ts, numbers.ts, settings.ts
 * - cross-references and per-pool inputs (percents, caps, bands): model.ts
 * - rules 1–4, 7, 8 (net, outturn, savings, reserve, final cost, settlement): pool.ts
 * - rule 5 (methods, underspend): share.ts; rule 6 (caps): caps.ts
 * - rule 9 (netting): netting.ts; rule 10 (schedules): schedule.ts
 * - the money rule (the one split function): money.ts
 * - warnings and their codes: warnings.ts; the whole job: run.ts
 */
import { z } from 'zod';
import type { WorkbookInput } from './types';

export * from './types';
export { run, hasErrors } from './run';
export { Decimal, allocate, splitEqually, toMoney, groupMoney, toFraction } from './money';
export { parseNumber, isBlank } from './numbers';
export { multilateral, bilateral } from './netting';
export { instalments, addMonths, balancingDue } from './schedule';
export { SEVERITY } from './warnings';

/** The input could not be read at all (the command line's exit 2). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const inputSchema = z.object({
  tables: z.record(z.string(), z.array(z.record(z.string(), cell))),
});

/** Checks the JSON form `{ "tables": { "Partners": [ {...} ], ... } }` and returns it typed. */
export function parseInputJson(value: unknown): WorkbookInput {
  const parsed = inputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.');
    const hint = path === '' ? 'expected an object with a "tables" member' : `at ${path}: ${issue.message}`;
    throw new InputError(`not a Poolshare workbook: ${hint} (each table is a list of rows; each row maps headers to a number, text, true/false or null)`);
  }
  return parsed.data;
}
