/**
 * The engine's input in its JSON form, checked at the boundary (zod for the outer shape, one pass over
 * the cells). A module of its own, so that what reads a workbook (.xlsx) never loads zod.
 */
import { z } from 'zod';
import { InputError } from './errors';
import type { WorkbookInput } from './types';

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
