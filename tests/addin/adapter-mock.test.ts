/**
 * The Office adapter (src/excel/adapter.ts) against office-addin-mock's OfficeMockObject, with a
 * sync counter (a spy on the mock context's `sync`).
 *
 * What the mock checks for us: every scalar property the adapter reads from an Excel object
 * (names, ids, range values and indexes, fill colours) reads back as the mock's error text unless
 * the adapter `load`ed it and then `context.sync()`ed; so a read in the wrong round trip shows up
 * as wrong values (no NET_MISMATCH, wrong ids), and the spy counts the round trips.
 *
 * What office-addin-mock 4.0 cannot express, and how this file deals with it:
 *  - Collection loads. The adapter loads `worksheets` with 'items/name,items/id' and `tables` with
 *    'items/name'. The mock stores an array as a scalar leaf, so a navigational load through
 *    `items` throws ("Property name needs to be present in object model before load is called";
 *    pinned by the first test below). A small shim (`asCollection`) therefore replaces `load` on
 *    the two collections only: 'items/p' becomes `item.load('p')` on each item, and each item is a
 *    real OfficeMockObject in the mock's tree, so its load/sync state is still the mock's.
 *  - Objects made by methods. `context.sync()` syncs only objects in the tree it was built from,
 *    so the sheet `worksheets.add` returns must be declared in the data beforehand.
 *  - Properties a sync fills without a load (`isNullObject`) and enums (`Office.AsyncResultStatus`)
 *    would read as "not loaded": they are set as plain properties after building the mock.
 *  - Queued writes: an assignment to a mock is applied at once, not at the next sync, and a sync
 *    never fails, so a failed batch cannot be discarded. Method calls (activate, add, suspend...)
 *    are logged here with the number of syncs before them, which places them in a round trip;
 *    property writes (values, fill colour) cannot be placed. Nor can the mock compute a used
 *    range, reject a taken sheet or table name, or keep sheets (and their ids) across runs.
 *  - Nor can it model worksheet custom properties, protection, charts or a used range's size,
 *    which the adapter now reads in its second round trip to know its own sheets.
 * So validateWorkbook, buildSchedules and insertTemplate are covered by tests/addin/adapter.test.ts
 * with the one fake of Excel (tests/addin/fake-excel.js), not here: what stays here is what the
 * mock expresses (selectCell, the settings read) and the pin of why the shim was needed.
 *
 * office-addin-mock imports office-addin-manifest only for its OfficeApp enum, and that package
 * pulls an ES-module-only dependency Jest cannot load (see tests/addin/manifest.test.ts); the
 * enum is given here instead (hoisted by ts-jest above the imports).
 */
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
import { OfficeMockObject } from 'office-addin-mock';
import { officeStore, selectCell, validateWorkbook } from '../../src/excel/adapter';
import { WARNINGS_SHEET } from '../../src/excel/plan';

type Grid = (string | number)[][];
type Mock = OfficeMockObject;
type Data = Record<string, unknown>;

/** The inputs of adapter.test.ts: Contributions row 3 (G3) has Net 450 where 400 is due. */
function inputs(net: number): Record<string, Grid> {
  return {
    Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']],
    Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
    Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1000]],
    Contributions: [
      ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
      ['BCF', 'Care homes', 'CC', 700, 100, 0, 600],
      ['BCF', 'Care homes', 'ICB', 400, 0, 0, net],
    ],
    Payments: [['Pool', 'Partner', 'Amount'], ['BCF', 'ICB', 400]],
  };
}

const sheetId = (i: number) => `{0000000${i}-0000-0000-0000-000000000000}`;
const NEW_ID = '{000000ff-0000-0000-0000-000000000000}';

interface Host {
  excel: Mock;
  office: Mock;
  settings: Map<string, unknown>;
  /** Calls the adapter made, each with the number of syncs done before it. */
  log: Array<{ call: string; args: unknown[]; after: number }>;
  syncs: () => number;
  sheet: (name: string) => Mock;
  /** A cell as declared in the data (the same mock object the adapter gets from getRange). */
  cell: (sheet: string, address: string) => Mock;
  table: (name: string) => Mock;
  /** The sheet `worksheets.add` hands out. */
  added: Mock;
  /** The 2-D block written to the added sheet. */
  block: Mock;
}

/**
 * Builds Excel and Office mocks: each input grid is an Excel table (ListObject) of that name on a
 * sheet of that name at A1, plus an active sheet "Notes". `cells` declares the cells the adapter
 * may reach with getRange (any other address throws), with their fill.
 */
function install(tables: Record<string, Grid>, cells: Record<string, Record<string, string>>, opts: { shim?: boolean } = {}): Host {
  const log: Host['log'] = [];
  let syncs = 0;
  const note = (call: string, ...args: unknown[]) => log.push({ call, args, after: syncs });
  const names = [...Object.keys(tables), 'Notes'];

  const sheetData = (name: string, i: number): Data => ({
    name,
    id: sheetId(i),
    used: { values: name === 'Notes' ? [['my notes']] : tables[name], rowIndex: 0, columnIndex: 0 },
    cells: Object.fromEntries(
      Object.entries(cells[name] ?? {}).map(([address, color]) => [
        address,
        { address, format: { fill: { color, clear: () => note('clear', name, address) } }, select: () => note('select', name, address) },
      ]),
    ),
    getUsedRangeOrNullObject: function (this: Mock) {
      return this.used;
    },
    getRange: function (this: Mock, address: string) {
      const c = this.cells[address];
      if (!c) throw new Error(`getRange(${address}) on ${name}: not declared in the mock`);
      return c;
    },
    activate: () => note('activate', name),
  });

  const data: Data = {
    context: {
      workbook: {
        worksheets: {
          byName: Object.fromEntries(names.map((n, i) => [n, sheetData(n, i + 1)])),
          // The bare mock's only way to hold a collection: an array, which it keeps as a scalar leaf.
          ...(opts.shim === false ? { items: names.map((n, i) => ({ name: n, id: sheetId(i + 1) })) } : {}),
          added: {
            name: WARNINGS_SHEET,
            id: NEW_ID,
            block: { format: { autofitColumns: () => note('autofitColumns') } },
            freezePanes: { freezeRows: (n: number) => note('freezeRows', n) },
            tables: {
              add: (range: unknown, headers: boolean) => {
                const table = { range, headers, name: '' };
                note('tables.add', table);
                return table;
              },
            },
            getRangeByIndexes: function (this: Mock, ...args: number[]) {
              note('getRangeByIndexes', ...args);
              return this.block;
            },
            getRange: (address: string) => ({ address }),
            activate: () => note('activate', WARNINGS_SHEET),
          },
          getItem: function (this: Mock, key: string) {
            const hit = names.find((n, i) => n.toLowerCase() === key.toLowerCase() || sheetId(i + 1) === key);
            if (!hit) throw new Error(`ItemNotFound: ${key}`);
            return this.byName[hit];
          },
          getActiveWorksheet: function (this: Mock) {
            return this.byName.Notes;
          },
          add: function (this: Mock, name: string) {
            note('worksheets.add', name);
            return this.added;
          },
        },
        tables: {
          ...(opts.shim === false ? { items: Object.keys(tables).map((n) => ({ name: n })) } : {}),
          byName: Object.fromEntries(
            Object.entries(tables).map(([n, values]) => [
              n,
              {
                name: n,
                showTotals: false,
                worksheet: { name: n },
                range: { values, rowIndex: 0, columnIndex: 0 },
                getRange: function (this: Mock) {
                  return this.range;
                },
              },
            ]),
          ),
        },
      },
      application: { suspendApiCalculationUntilNextSync: () => note('suspendApiCalculationUntilNextSync') },
    },
    run: async function (this: Mock, callback: (context: Mock) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  const excel = new OfficeMockObject(data as never);
  const wb = excel.context.workbook;

  const sync = excel.context.sync.bind(excel.context);
  jest.spyOn(excel.context, 'sync').mockImplementation(async () => {
    syncs++;
    await sync();
  });

  const sheetMocks = names.map((n) => wb.worksheets.byName[n] as Mock);
  const tableMocks = Object.keys(tables).map((n) => wb.tables.byName[n] as Mock);
  if (opts.shim !== false) {
    asCollection(wb.worksheets, sheetMocks);
    asCollection(wb.tables, tableMocks);
  }
  // Filled by sync without a load in Office.js; the mock would read it as "not loaded".
  for (const s of sheetMocks) s.used.isNullObject = false;

  const settings = new Map<string, unknown>();
  const office = new OfficeMockObject({
    context: {
      document: {
        settings: {
          get: (key: string) => settings.get(key) ?? null,
          set: (key: string, value: unknown) => settings.set(key, value),
          saveAsync: (callback: (r: { status: string }) => void) => {
            note('saveAsync');
            callback({ status: 'succeeded' });
          },
        },
      },
    },
  } as never);
  office.AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };

  (globalThis as Record<string, unknown>).Excel = excel;
  (globalThis as Record<string, unknown>).Office = office;
  return {
    excel,
    office,
    settings,
    log,
    syncs: () => syncs,
    sheet: (n) => wb.worksheets.byName[n],
    cell: (s, a) => wb.worksheets.byName[s].cells[a],
    table: (n) => wb.tables.byName[n],
    added: wb.worksheets.added,
    block: wb.worksheets.added.block,
  };
}

/** The collection shim (see the top): 'items/p,items/q' loads p and q on every item mock. */
function asCollection(collection: Mock, items: Mock[]) {
  collection.items = items;
  collection.load = (arg: string) => {
    for (const part of arg.split(',')) {
      const m = /^items\/(\w+)$/.exec(part.trim());
      if (!m) throw new Error(`collection shim: unexpected load '${part}'`);
      for (const item of items) item.load(m[1]);
    }
    return collection;
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
  jest.restoreAllMocks();
});

describe('office-addin-mock limits (pins why the collection shim exists)', () => {
  it('cannot load a collection\'s items/name: the adapter\'s first read fails on the bare mock', async () => {
    const host = install(inputs(400), {}, { shim: false });
    await expect(validateWorkbook(officeStore())).rejects.toThrow('Property name needs to be present in object model before load is called');
    expect(host.syncs()).toBe(0);
  });
});

describe('selectCell against office-addin-mock', () => {
  it('activates the warning\'s sheet and selects its cell in one sync', async () => {
    const host = install(inputs(450), { Contributions: { G3: '#FFFFFF' } });
    await selectCell('Contributions', 'G3');
    expect(host.syncs()).toBe(1);
    expect(host.log.map(({ call, args }) => [call, ...args])).toEqual([
      ['activate', 'Contributions'],
      ['select', 'Contributions', 'G3'],
    ]);
    // Both were queued before the one sync.
    expect(host.log.every((e) => e.after === 0)).toBe(true);
  });

  it('fails, with no sync, for a sheet the workbook does not have', async () => {
    const host = install(inputs(450), {});
    await expect(selectCell('Nowhere', 'A1')).rejects.toThrow('ItemNotFound');
    expect(host.syncs()).toBe(0);
  });
});

describe('officeStore against office-addin-mock', () => {
  it('only reads the document settings: it has no way to save them (saving clears Excel\'s undo)', async () => {
    const host = install(inputs(400), {});
    host.settings.set('poolshare.sheets', ['{1}']);
    const store = officeStore();
    expect(store.get('poolshare.sheets')).toEqual(['{1}']);
    expect(Object.keys(store)).toEqual(['get']);
    expect(host.log.map((e) => e.call)).not.toContain('saveAsync');
  });
});
