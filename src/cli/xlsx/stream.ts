/**
 * Sinks that make a sheet's table rows into the engine's rows as the sheet's XML streams (issue 20),
 * so that no grid of those rows is held first. Each row goes through TableRows, the code readWorkbook
 * makes rows with from a grid (the add-in's, or a sheet read whole): one reading either way.
 * - TablesSink, for a sheet readWorkbook reads only through its Excel tables (readOf: `tables`):
 *   each table's header is its first row, its rows those Extent gives it, and nothing else of the
 *   sheet is held.
 * - SheetSink, for a sheet without Excel tables named like an input table (readOf: `header`): the
 *   rows are held until the header is found (headerSeek, as readWorkbook looks for it); the rows below
 *   it become the table's rows. No header among the first rows: all of it is held, as before.
 * What only the end of a sheet's XML tells (its merged areas, which tables it lists) can undo this:
 * stream.ts's caller then reads the sheet again, whole (xlsx-read.ts).
 */
import type { CellValue, ListObjectData, RawRow } from '../../workbook';
import { TableRows, headerSeek } from '../../workbook';
import type { RowSink } from './sheet';
import { type Extent, type TableDef, extents, within } from './tables';

/** One Excel table's rows as they stream. */
interface Streaming {
  def: TableDef;
  extent: Extent;
  header?: CellValue[];
  rows?: TableRows;
  /** The last sheet row given to it. */
  last: number;
  done: boolean;
}

/** A sheet's Excel tables, their rows made as they stream. */
export class TablesSink implements RowSink {
  private readonly tables: Streaming[];

  constructor(private readonly sheet: string, defs: TableDef[]) {
    const all = extents(defs);
    this.tables = defs.map((def, n) => ({ def, extent: all[n], last: def.top, done: false }));
  }

  /**
   * Whether a merged area (1-based rows and columns) reaches a cell a table may hold: in its columns,
   * at its header or below (the rows typed under it included). Merged cells are cleared, so such a
   * sheet is read again whole; one beside the tables or above them clears nothing read.
   */
  reaches(m: { top: number; left: number; bottom: number; right: number }): boolean {
    return this.tables.some(({ def }) => m.bottom >= def.top && m.right >= def.left && m.left <= def.right);
  }

  row(r: number, cells: CellValue[]): boolean {
    for (const t of this.tables) {
      const { def } = t;
      if (t.done || r < def.top) continue;
      if (r === def.top) {
        t.header = within(cells, def.left - 1, def.right - 1);
        t.rows = new TableRows(t.header);
        continue;
      }
      if (t.rows === undefined) {
        // Its header row does not exist: a header of no columns, as readWorkbook reads it.
        t.header = [];
        t.rows = new TableRows(t.header);
      }
      if (!t.extent.has(r, cells)) {
        t.done = true;
        continue;
      }
      t.rows.skip(r - t.last - 1);
      t.rows.add(cells, def.left - 1);
      t.last = r;
    }
    return true; // nothing of the sheet but its tables is read
  }

  /** The tables as readWorkbook wants them, their rows made. */
  done(): ListObjectData[] {
    return this.tables.map(({ def, header, rows }) => ({
      name: def.name, sheet: this.sheet, top: def.top, left: def.left, values: [header ?? []], rows: rows?.done() ?? [],
    }));
  }
}

/** A sheet read whole as a table: held until its header, its rows made below it. */
export class SheetSink implements RowSink {
  private readonly seek: ReturnType<typeof headerSeek>;
  private rows?: TableRows;
  /** The header's sheet row, and the last sheet row given to the rows. */
  header = 0;
  private last = 0;

  constructor(key: string) {
    this.seek = headerSeek(key);
  }

  row(r: number, cells: CellValue[]): boolean {
    const { rows } = this;
    if (rows === undefined) {
      // The rows down to the header are held: readWorkbook looks for the header among them. Past
      // where a header may stand, the seek says so at once, and the whole sheet is held.
      if (this.seek(cells) === 'header') {
        this.rows = new TableRows(cells);
        this.header = r;
        this.last = r;
      }
      return false;
    }
    rows.skip(r - this.last - 1);
    rows.add(cells);
    this.last = r;
    return true;
  }

  /** The table's rows (the sheet's `rows`), or undefined when no header was found. */
  done(): RawRow[] | undefined {
    return this.rows?.done();
  }
}
