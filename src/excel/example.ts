/**
 * The example rows Insert template fills its tables with: examples/poolshare-example.json (the
 * command line's bundled example), copied beside the pane as example.json by the build. It is data,
 * not JavaScript, so the pane fetches it when Insert template runs instead of carrying it in the
 * add-in's scripts (their size budget: tests/addin/bundle.test.ts).
 */
import type { CellValue } from '../engine/types';

/** Each input table's example rows, keyed by header. */
export type ExampleTables = Record<string, Array<Record<string, CellValue>>>;

export const EXAMPLE_FILE = 'example.json';

/** The example's tables if `json` has the file's shape (`{ tables: { Name: [ { Header: value } ] } }`), else null. */
export function exampleTables(json: unknown): ExampleTables | null {
  const tables = (json as { tables?: unknown } | null)?.tables;
  if (!tables || typeof tables !== 'object' || Array.isArray(tables)) return null;
  for (const rows of Object.values(tables)) {
    if (!Array.isArray(rows) || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) return null;
  }
  return tables as ExampleTables;
}

/** Fetches example.json from beside the page (`base`: the page's address). Fails in one sentence. */
export async function loadExample(base: string | undefined = globalThis.document?.baseURI): Promise<ExampleTables> {
  let url = EXAMPLE_FILE;
  let reason: string;
  try {
    url = new URL(EXAMPLE_FILE, base).href;
    const res = await fetch(url);
    if (!res.ok) {
      reason = `the server answered ${res.status}`;
    } else {
      const tables = exampleTables(await res.json());
      if (tables) return tables;
      reason = 'it is not the example workbook\'s tables';
    }
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  }
  throw new Error(`Insert template wrote nothing: it could not load its example rows (${url}): ${reason}. Check `
    + 'that the add-in\'s web address can be reached, then run Insert template again.');
}
