/**
 * A counting fake of the part of Excel's JavaScript API (Office.js) that src/excel/adapter.ts
 * uses, for the benchmark and the robustness tests. It keeps load semantics (a loaded property
 * is readable only after `context.sync()`), counts `context.sync()` calls, and logs every write:
 * cell values and number formats, fills, tables added, sheets added, renamed or deleted.
 *
 *   const fake = new FakeExcel([{ name: 'Partners', values, table: 'Partners' }, ...]);
 *   fake.install();            // sets globalThis.Excel
 *   await validateWorkbook(fake.store);
 *   fake.syncs; fake.writes; fake.userSheetWrites();
 */

type Cell = string | number | boolean | null;

export interface FakeSheetSpec {
  name: string;
  /** The sheet's cells from A1 (or from `top`/`left`). */
  values: Cell[][];
  /** Makes the block an Excel table (ListObject) of this name. */
  table?: string;
  top?: number;
  left?: number;
}

export interface WriteLog {
  kind: 'values' | 'numberFormat' | 'fill' | 'fill.clear' | 'table.add' | 'sheet.add' | 'sheet.rename' | 'sheet.delete' | 'freeze' | 'autofit' | 'chart';
  sheet: string;
  /** The sheet's id: tells a user's sheet from one Poolshare added. */
  sheetId: string;
  address?: string;
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function colLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
function colNumber(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function parseArea(address: string): Area {
  const a = address.replace(/^.*!/, '').replace(/\$/g, '');
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
  if (!m) throw new Error(`FakeExcel: cannot parse the address ${address}`);
  const top = Number(m[2]);
  const left = colNumber(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? colNumber(m[3]) : left };
}
export function areaAddress(a: Area): string {
  const tl = `${colLetters(a.left)}${a.top}`;
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${colLetters(a.right)}${a.bottom}`;
}
export function overlaps(a: Area, b: Area): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** Load semantics: properties named in load() become readable after the next sync. */
class Loadable {
  private pending = new Set<string>();
  private loaded = new Set<string>();
  constructor(protected readonly fake: FakeExcel, private readonly what: string) {
    fake.loadables.add(this);
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : props ? Object.keys(props) : ['*'];
    for (const p of list) this.pending.add(p.trim().replace(/^items\//, ''));
    return this;
  }
  /** Called by sync(). */
  settle(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.pending.clear();
  }
  protected need(prop: string): void {
    if (!this.loaded.has(prop) && !this.loaded.has('*')) {
      throw new Error(`FakeExcel: ${this.what}.${prop} read before load('${prop}') and context.sync()`);
    }
  }
}

class FakeFill extends Loadable {
  constructor(fake: FakeExcel, private readonly sheet: FakeSheet, private readonly area: Area) {
    super(fake, 'fill');
  }
  get color(): string | null {
    this.need('color');
    return this.sheet.fills.get(areaAddress(this.area)) ?? '#FFFFFF';
  }
  set color(c: string | null) {
    this.fake.log('fill', this.sheet, areaAddress(this.area));
    this.sheet.fills.set(areaAddress(this.area), c);
  }
  clear(): void {
    this.fake.log('fill.clear', this.sheet, areaAddress(this.area));
    this.sheet.fills.delete(areaAddress(this.area));
  }
}

class FakeRange extends Loadable {
  readonly format: { fill: FakeFill; autofitColumns: () => void };
  constructor(fake: FakeExcel, readonly sheet: FakeSheet, readonly area: Area | null) {
    super(fake, 'range');
    const fill = new FakeFill(fake, sheet, area ?? { top: 1, left: 1, bottom: 1, right: 1 });
    this.format = { fill, autofitColumns: () => fake.log('autofit', sheet, this.address) };
  }
  get isNullObject(): boolean {
    return this.area === null;
  }
  get address(): string {
    return this.area ? areaAddress(this.area) : '';
  }
  get values(): Cell[][] {
    this.need('values');
    return this.sheet.read(this.area!);
  }
  set values(v: Cell[][]) {
    this.fake.log('values', this.sheet, this.address);
    this.sheet.write(this.area!, v);
  }
  set numberFormat(_v: string[][]) {
    this.fake.log('numberFormat', this.sheet, this.address);
  }
  get rowIndex(): number {
    this.need('rowIndex');
    return this.area!.top - 1;
  }
  get columnIndex(): number {
    this.need('columnIndex');
    return this.area!.left - 1;
  }
  select(): void {
    /* selection changes nothing */
  }
}

class FakeTable extends Loadable {
  constructor(fake: FakeExcel, private _name: string, readonly worksheet: FakeSheet, readonly area: Area) {
    super(fake, 'table');
  }
  get name(): string {
    return this._name;
  }
  set name(n: string) {
    this._name = n;
  }
  getRange(): FakeRange {
    return new FakeRange(this.fake, this.worksheet, this.area);
  }
}

class FakeSheet extends Loadable {
  cells: Cell[][] = [];
  readonly fills = new Map<string, string | null>();
  readonly tables: { add: (range: string | FakeRange, hasHeaders: boolean) => FakeTable };
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly charts: { add: (...a: unknown[]) => unknown };
  deleted = false;
  constructor(fake: FakeExcel, public _name: string, readonly id: string) {
    super(fake, 'worksheet');
    this.tables = {
      add: (range, _h) => {
        const area = typeof range === 'string' ? parseArea(range) : range.area!;
        fake.log('table.add', this, areaAddress(area));
        const t = new FakeTable(fake, `Table${fake.tables.length + 1}`, this, area);
        fake.tables.push(t);
        return t;
      },
    };
    this.freezePanes = { freezeRows: () => fake.log('freeze', this) };
    const series = () => ({ name: '', setXAxisValues: () => undefined, setValues: () => undefined });
    this.charts = {
      add: () => {
        fake.log('chart', this);
        return { title: { text: '' }, series: { getItemAt: series, add: series }, setPosition: () => undefined };
      },
    };
  }
  get name(): string {
    return this._name;
  }
  set name(n: string) {
    this.fake.log('sheet.rename', this);
    this._name = n;
  }
  read(a: Area): Cell[][] {
    const out: Cell[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: Cell[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(this.cells[r - 1]?.[c - 1] ?? '');
      out.push(row);
    }
    return out;
  }
  write(a: Area, v: Cell[][]): void {
    for (let r = a.top; r <= a.bottom; r++) {
      const row = (this.cells[r - 1] ??= []);
      for (let c = a.left; c <= a.right; c++) row[c - 1] = v[r - a.top]?.[c - a.left] ?? '';
    }
  }
  used(): Area | null {
    let top = Infinity, left = Infinity, bottom = 0, right = 0;
    this.cells.forEach((row, r) => row?.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      top = Math.min(top, r + 1); bottom = Math.max(bottom, r + 1);
      left = Math.min(left, c + 1); right = Math.max(right, c + 1);
    }));
    return bottom ? { top, left, bottom, right } : null;
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.fake, this, this.used());
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.fake, this, parseArea(address));
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.fake, this, { top: row + 1, left: col + 1, bottom: row + rows, right: col + cols });
  }
  getCell(row: number, col: number): FakeRange {
    return this.getRangeByIndexes(row, col, 1, 1);
  }
  activate(): void {
    this.fake.active = this;
  }
  delete(): void {
    this.fake.log('sheet.delete', this);
    this.deleted = true;
  }
}

class FakeCollection<T> extends Loadable {
  constructor(fake: FakeExcel, what: string, private readonly list: () => T[]) {
    super(fake, what);
  }
  get items(): T[] {
    this.need('name');
    return this.list();
  }
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  active: FakeSheet;
  readonly loadables = new Set<Loadable>();
  syncs = 0;
  writes: WriteLog[] = [];
  private nextId = 1;
  /** The user's sheets (ids) and input tables, as they were before any job. */
  readonly userSheetIds: Set<string>;
  readonly settings = new Map<string, unknown>();
  readonly store = {
    get: (k: string) => this.settings.get(k),
    set: (k: string, v: unknown) => void this.settings.set(k, JSON.parse(JSON.stringify(v))),
    save: async () => undefined,
  };

  constructor(specs: FakeSheetSpec[]) {
    for (const s of specs) {
      let sheet = this.sheets.find((x) => x.name === s.name);
      if (!sheet) {
        sheet = new FakeSheet(this, s.name, `{user-${this.nextId++}}`);
        this.sheets.push(sheet);
      }
      const top = s.top ?? 1;
      const left = s.left ?? 1;
      const width = Math.max(1, ...s.values.map((r) => r.length));
      const area = { top, left, bottom: top + Math.max(0, s.values.length - 1), right: left + width - 1 };
      sheet.write(area, s.values);
      if (s.table) this.tables.push(new FakeTable(this, s.table, sheet, area));
    }
    if (!this.sheets.length) this.sheets.push(new FakeSheet(this, 'Sheet1', `{user-${this.nextId++}}`));
    this.active = this.sheets[0];
    this.userSheetIds = new Set(this.sheets.map((s) => s.id));
    this.loadables.clear();
  }

  log(kind: WriteLog['kind'], sheet: FakeSheet, address?: string): void {
    this.writes.push({ kind, sheet: sheet.name, sheetId: sheet.id, ...(address ? { address } : {}) });
  }

  /** Writes that touched a user's sheet other than highlight fills (which the adapter restores). */
  userSheetWrites(): WriteLog[] {
    return this.writes.filter((w) => this.userSheetIds.has(w.sheetId) && w.kind !== 'fill' && w.kind !== 'fill.clear');
  }

  /** A snapshot of every user sheet's cells, to compare before and after a job. */
  userCells(): Record<string, Cell[][]> {
    const out: Record<string, Cell[][]> = {};
    for (const s of this.sheets) if (this.userSheetIds.has(s.id)) out[s.id] = JSON.parse(JSON.stringify(s.cells)) as Cell[][];
    return out;
  }

  private context() {
    const live = () => this.sheets.filter((s) => !s.deleted);
    const worksheets = new FakeCollection<FakeSheet>(this, 'worksheets', live) as FakeCollection<FakeSheet> & Record<string, unknown>;
    Object.assign(worksheets, {
      getActiveWorksheet: () => this.active,
      getItem: (key: string) => {
        const s = live().find((x) => x.id === key || x.name.toLowerCase() === key.toLowerCase());
        if (!s) throw new Error(`FakeExcel: no sheet ${key} (ItemNotFound)`);
        return s;
      },
      add: (name: string) => {
        if (live().some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new Error(`FakeExcel: a sheet named ${name} exists`);
        const s = new FakeSheet(this, name, `{made-${this.nextId++}}`);
        this.sheets.push(s);
        this.log('sheet.add', s);
        return s;
      },
    });
    const tables = new FakeCollection<FakeTable>(this, 'tables', () => this.tables.filter((t) => !t.worksheet.deleted));
    return {
      workbook: { worksheets, tables },
      application: { suspendApiCalculationUntilNextSync: () => undefined },
      sync: async () => {
        this.syncs++;
        for (const l of this.loadables) l.settle();
      },
    };
  }

  /** The `Excel` global the adapter calls. */
  api() {
    return {
      run: async <T>(cb: (context: unknown) => Promise<T>) => cb(this.context()),
      ChartType: { columnClustered: 'ColumnClustered' },
      ChartSeriesBy: { columns: 'Columns', auto: 'Auto', rows: 'Rows' },
    };
  }

  install(): void {
    (globalThis as unknown as { Excel: unknown }).Excel = this.api();
  }
}
