/** POOL.VALIDATE: one table's warnings, each with its place. */
import type { RawRow } from '../../engine/types';
import { run } from '../../engine/run';
import { TABLES, TABLE_NAMES, norm, type TableName } from '../../engine/tables';
import { contentKey, memo } from '../cache';
import {
  InputProblem, asGrid, emptyArrivesAsNull, isBlankLike, specTableName, tableRows, textOf, toCell, type Grid,
} from '../convert';
import { completeTables, place } from './tables';

type Out = (number | string)[][];

/** Codes that only make sense with the other tables present. */
const CROSS_TABLE = new Set([
  'MISSING_TABLE', 'UNKNOWN_PARTNER', 'UNKNOWN_POOL', 'UNKNOWN_LINE', 'HOST_NOT_PARTNER', 'NO_HOST', 'NO_LEAD',
]);

/**
 * Checks one spec table (a range with its header row), with the engine's checks of its rows and
 * across them (percent totals, bands, duplicates). The table is the one named, or the only spec
 * table whose columns the header row holds exactly (its required ones, and no others).
 */
export function validate(range: unknown, table?: unknown): Out {
  return memo(contentKey('VALIDATE', [range, table]), () => {
    const named = textOf(table, 'table_name');
    const name = named ? specTableName(named) : recognise(asGrid(range));
    if (!name) {
      throw new InputProblem(`table_name must be one of ${TABLE_NAMES.join(', ')}, not "${named}"`);
    }
    const rows = tableRows(range, name, 'table_range', emptyArrivesAsNull(range));
    const tables: Record<string, RawRow[]> = { [name]: rows };
    completeTables(tables, name);
    const result = run({ tables });
    const found = result.warnings.filter((w) => w.table === name && !CROSS_TABLE.has(w.code));
    if (found.length === 0) return [['OK']];
    return [
      ['Severity', 'Code', 'Where', 'Message'],
      ...found.map((w) => [w.severity, w.code, place(w), w.message]),
    ];
  }) as Out;
}

/** The one spec table whose header is this row (every required column, no others); else it asks for the name. */
function recognise(grid: Grid | undefined): TableName {
  if (!grid) throw new InputProblem('table_range is empty: give the table with its header row');
  const headers = grid[0].filter((h) => !isBlankLike(h)).map((h) => norm(String(toCell(h))));
  const fits = TABLE_NAMES.filter((t) => {
    const cols = TABLES[t].columns;
    return cols.filter((c) => c.required).every((c) => headers.includes(norm(c.header)))
      && headers.every((h) => cols.some((c) => norm(c.header) === h));
  });
  if (fits.length === 1) return fits[0];
  const why = fits.length > 1 ? `could be ${fits.join(' or ')}` : 'matches no spec table exactly';
  throw new InputProblem(`the header row ${why}: name the table as table_name (${TABLE_NAMES.join(', ')})`);
}
