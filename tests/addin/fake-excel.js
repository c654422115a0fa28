/* The one fake of Excel (Office.js) for the tests, the browser test and the bench.
 *
 * An in-memory workbook (sheets of cells, number formats, fills, tables, charts, worksheet custom
 * properties, protection) behind just the Office.js surface Poolshare's adapter uses. Like the
 * real host it queues every load and write and carries them out only at context.sync(), in order:
 * a property read before its load has been synced throws; a bad operation (a sheet name taken, an
 * unknown sheet, a write to a protected sheet: AccessDenied) fails that sync, and what was queued
 * before it in the same sync stays done, as in Excel (a batch is not a transaction).
 * It also models Excel on the web's request limit: a sync whose request (values and formats
 * written) or response (values read) is over `wb.payloadLimit` bytes of JSON fails with
 * RequestPayloadSizeLimitExceeded; the largest of each is kept in `wb.maxRequest`/`wb.maxResponse`.
 * Every context.sync() is counted (per Excel.run in `runs`), every write is logged (`wb.writes`).
 *
 * It is as strict as Excel wherever the add-in could depend on the difference; each rule says where
 * Microsoft documents it (a learn.microsoft.com or support.microsoft.com page title, or the
 * @types/office-js annotation). The rules: RULES below (names, grid, cell text, properties), the
 * request in UTF-8 bytes (Context.sync), merged areas (Workbook.merge, read), visibility (activate),
 * sheet and structure protection (Context.write, SheetsProxy.add), API sets (install's opts.api).
 *
 *   const wb = new Workbook(); wb.addSheet('Partners', [['Partner'], ['CC']], { table: 'Partners' });
 *   const host = install(globalThis, wb, { office: true });  // globalThis.Excel, Office
 *
 * Used by the Jest tests (require), by bench/addin.ts, and injected into the browser test's page.
 */
(function (root) {
  'use strict';

  function colNum(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n;
  }
  function colLetters(n) {
    let s = '';
    while (n > 0) { const m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
    return s;
  }
  /** "B3" or "B3:D7" (optionally "Sheet!B3") to a 0-based box {top,left,rows,cols}. */
  function parseAddress(address) {
    const a = String(address).replace(/^.*!/, '').replace(/\$/g, '');
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
    if (!m) throw new Error('InvalidArgument: bad address ' + address);
    const top = Number(m[2]) - 1, left = colNum(m[1]) - 1;
    const bottom = m[4] ? Number(m[4]) - 1 : top, right = m[3] ? colNum(m[3]) - 1 : left;
    return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }
  function a1(r, c) { return colLetters(c + 1) + (r + 1); }
  function boxAddress(b) {
    const tl = a1(b.top, b.left);
    return b.rows === 1 && b.cols === 1 ? tl : tl + ':' + a1(b.top + b.rows - 1, b.left + b.cols - 1);
  }
  function overlaps(a, b) {
    return a.left < b.left + b.cols && b.left < a.left + a.cols && a.top < b.top + b.rows && b.top < a.top + a.rows;
  }
  const blank = (v) => v === '' || v === null || v === undefined;
  const fail = (code, message) => Object.assign(new Error(message), { code });
  /** UTF-8 bytes of a JSON value (what goes over the wire). */
  const bytes = (v) => new TextEncoder().encode(JSON.stringify(v === undefined ? null : v)).length;

  const RULES = {
    // "Excel specifications and limits" (support.microsoft.com): 1,048,576 rows by 16,384 columns.
    rows: 1048576,
    cols: 16384,
    // "Excel specifications and limits": a cell holds at most 32,767 characters.
    cellText: 32767,
    // "Excel specifications and limits" and "Rename a worksheet": a sheet name is 1 to 31 characters.
    sheetName: 31,
    // "Rename a worksheet": none of \ / ? * : [ ], not blank, not starting or ending with an apostrophe.
    sheetChars: /[\\/?*:[\]]/,
    // "Rename a worksheet": History is reserved for Excel's own use.
    sheetReserved: /^history$/i,
    // "Rename an Excel table": at most 255 characters; a letter, _ or \ first; then letters, digits, _ and .
    tableName: 255,
    tableChars: /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/,
    // "Rename an Excel table": not C, c, R, r, nor a cell reference (A1, R1C1).
    tableRef: /^([crCR]|[rR]\d*[cC]\d*)$/,
    // Excel.WorksheetCustomPropertyData.key: "limited to 255 characters (larger values will cause an
    // InvalidArgument error to be thrown)".
    propKey: 255,
    // Excel.CustomPropertyData.value: "limited to 255 characters outside of Excel on the web (larger values are
    // automatically trimmed)"; held to for worksheet properties too (refused here, so a long mark cannot pass).
    propValue: 255,
    // "Resource limits and performance optimization for Office Add-ins" (Excel add-ins): Excel on the web
    // refuses a request or a response over 5 MB.
    payload: 5 * 1024 * 1024,
  };

  /** Why Excel refuses a sheet name, or null ("Rename a worksheet"). */
  function badSheetName(name) {
    const n = String(name);
    if (!n.trim() || n.length > RULES.sheetName) return 'a sheet name is 1 to ' + RULES.sheetName + ' characters: ' + n;
    if (RULES.sheetChars.test(n)) return 'a sheet name cannot hold \\ / ? * : [ ]: ' + n;
    if (n.startsWith("'") || n.endsWith("'")) return 'a sheet name cannot start or end with an apostrophe: ' + n;
    if (RULES.sheetReserved.test(n)) return 'History is reserved by Excel';
    return null;
  }
  /** Why Excel refuses a table name in this workbook, or null ("Rename an Excel table"). */
  function badTableName(wb, name, self) {
    const n = String(name);
    if (!n || n.length > RULES.tableName) return ['InvalidArgument', 'a table name is 1 to 255 characters'];
    const cell = /^([A-Za-z]{1,3})(\d+)$/.exec(n);
    const isCell = cell && colNum(cell[1]) <= RULES.cols && Number(cell[2]) >= 1 && Number(cell[2]) <= RULES.rows;
    if (!RULES.tableChars.test(n) || RULES.tableRef.test(n) || isCell) return ['InvalidArgument', 'not a valid table name: ' + n];
    const key = n.toLowerCase();
    if (wb.tables.some((t) => t !== self && t.name.toLowerCase() === key)) return ['ItemAlreadyExists', 'a table named ' + n];
    // "Rename an Excel table": a table name must be unique among the workbook's names (tables and defined names).
    if (wb.names.some((x) => x.name.toLowerCase() === key)) return ['InvalidArgument', 'the name ' + n + ' is a defined name'];
    return null;
  }
  /** Refuses a box outside Excel's grid. */
  function inGrid(b) {
    if (b.top < 0 || b.left < 0 || b.rows < 1 || b.cols < 1 || b.top + b.rows > RULES.rows || b.left + b.cols > RULES.cols) {
      throw fail('InvalidArgument', 'the range is outside the grid (' + RULES.rows + ' rows, ' + RULES.cols + ' columns)');
    }
    return b;
  }

  class Workbook {
    constructor() {
      this.sheets = [];
      this.tables = [];
      /** Defined names (Formulas > Name Manager), workbook scope: { name, ref }. */
      this.names = [];
      /** Review > Protect Workbook: no sheet added, deleted, renamed, hidden or shown. */
      this.structureProtected = false;
      this.active = null;
      this.selected = null;
      this.nextId = 1;
      this.calculationSuspended = 0;
      /** Excel on the web's limit on one request or response, in bytes of JSON. */
      this.payloadLimit = RULES.payload;
      this.maxRequest = 0;
      this.maxResponse = 0;
      this.writes = [];
    }
    /** A user's sheet (opts.table makes the block an Excel table of that name; top/left place it). */
    addSheet(name, values, opts) {
      const o = opts || {};
      let s = this.sheetByName(name);
      if (!s || !o.reuse) s = this.newSheet(name, true);
      if (values && values.length) {
        const top = o.top || 0, left = o.left || 0;
        this.setValues(s, top, left, values);
        if (o.table) this.addTable(s, o.table, top, left, values.length, Math.max(...values.map((r) => r.length)));
      }
      return s;
    }
    newSheet(name, user) {
      if (this.sheetByName(name)) throw fail('ItemAlreadyExists', 'a sheet named ' + name + ' exists');
      const bad = badSheetName(name);
      if (bad) throw fail('InvalidArgument', bad);
      const id = '{' + String(this.nextId++).padStart(8, '0') + '-0000-0000-0000-000000000000}';
      const s = { id, name, user, rows: [], formats: new Map(), fills: new Map(), formulas: new Map(),
        props: new Map(), protected: false, frozenRows: 0, charts: [], autofit: 0, writes: 0,
        visibility: 'Visible', merges: [] };
      this.sheets.push(s);
      if (!this.active) this.active = s;
      return s;
    }
    sheetByName(name) { return this.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase()); }
    sheet(nameOrId) {
      const s = this.sheets.find((x) => x.id === nameOrId) || this.sheetByName(nameOrId);
      if (!s) throw fail('ItemNotFound', 'no sheet ' + nameOrId);
      return s;
    }
    setValues(s, top, left, values) {
      values.forEach((row, r) => {
        const line = (s.rows[top + r] = s.rows[top + r] || []);
        row.forEach((v, c) => { line[left + c] = v; });
      });
      s.writes += values.length;
    }
    addTable(s, name, top, left, rows, cols) {
      const bad = badTableName(this, name, null);
      if (bad) throw fail(bad[0], bad[1]);
      inGrid({ top, left, rows, cols });
      const t = { name, sheet: s, top, left, rows, cols, showTotals: false };
      this.tables.push(t);
      return t;
    }
    /** The used range (values only) of a sheet as a box, or null. */
    used(s) {
      let top = -1, bottom = -1, left = Infinity, right = -1;
      s.rows.forEach((row, r) => {
        if (!row) return;
        row.forEach((v, c) => {
          if (blank(v)) return;
          if (top < 0) top = r;
          bottom = r; left = Math.min(left, c); right = Math.max(right, c);
        });
      });
      return top < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
    }
    read(s, b) {
      const out = new Array(b.rows);
      for (let r = 0; r < b.rows; r++) {
        const row = s.rows[b.top + r] || [];
        const line = new Array(b.cols);
        for (let c = 0; c < b.cols; c++) { const v = row[b.left + c]; line[c] = v === undefined || v === null ? '' : v; }
        out[r] = line;
      }
      // "Merge and unmerge cells" (support.microsoft.com): only the upper-left cell's data stays in a merged cell;
      // Range.values gives "" for the others.
      for (const m of s.merges) {
        for (let r = Math.max(m.top, b.top); r < Math.min(m.top + m.rows, b.top + b.rows); r++) {
          for (let c = Math.max(m.left, b.left); c < Math.min(m.left + m.cols, b.left + b.cols); c++) {
            if (r !== m.top || c !== m.left) out[r - b.top][c - b.left] = '';
          }
        }
      }
      return out;
    }
    /** A user's merge (Home > Merge & Center): the other cells' values are discarded, as Excel warns. */
    merge(name, address) {
      const s = this.sheet(name);
      const m = parseAddress(address);
      s.merges.push(m);
      for (let r = m.top; r < m.top + m.rows; r++) {
        const row = s.rows[r];
        if (row) for (let c = m.left; c < m.left + m.cols; c++) if (r !== m.top || c !== m.left) row[c] = '';
      }
    }
    /** A user's defined name (Formulas > Define Name), workbook scope. */
    addName(name, ref) { this.names.push({ name, ref: ref || '=Sheet1!$A$1' }); }
    /** Hides a sheet ('Hidden', or 'VeryHidden': only code can show it again). */
    hide(name, how) { this.sheet(name).visibility = how || 'Hidden'; }
    /** Plain view for assertions: a sheet's values from A1 to its used corner. */
    valuesOf(name) {
      const s = this.sheet(name);
      const u = this.used(s);
      return u ? this.read(s, { top: 0, left: 0, rows: u.top + u.rows, cols: u.left + u.cols }) : [];
    }
    valueOf(name, address) { const p = parseAddress(address); return this.read(this.sheet(name), { ...p, rows: 1, cols: 1 })[0][0]; }
    formatOf(name, address) { const p = parseAddress(address); return this.sheet(name).formats.get(p.top + ',' + p.left) || 'General'; }
    fillOf(name, address) { const p = parseAddress(address); return this.sheet(name).fills.get(p.top + ',' + p.left) || null; }
    setFill(name, address, color) { const p = parseAddress(address); this.sheet(name).fills.set(p.top + ',' + p.left, color); }
    /** A user's edit: values typed from `address` (no log, no sync). */
    type(name, address, values) { const p = parseAddress(address); this.setValues(this.sheet(name), p.top, p.left, values); }
    /** Every write a sheet's cells have had (values). */
    writesTo(name) { return this.sheet(name).writes; }
    log(kind, s, box) { this.writes.push({ kind, sheet: s.name, sheetId: s.id, ...(box ? { address: boxAddress(box) } : {}) }); }
    /** Writes to a user's sheet other than highlight fills (which the adapter restores). */
    userSheetWrites() {
      const users = new Set(this.sheets.filter((s) => s.user).map((s) => s.id));
      return this.writes.filter((w) => users.has(w.sheetId) && w.kind !== 'fill' && w.kind !== 'fill.clear');
    }
    /** A snapshot of every user sheet's values, to compare before and after a job. */
    userCells() {
      const out = {};
      for (const s of this.sheets) if (s.user) out[s.id] = JSON.stringify(s.rows);
      return out;
    }
  }

  /** Makes the listed properties readable only after a load and a sync. */
  // "Load data and sync with the Excel workbook" (learn.microsoft.com, Office Add-ins): a property read before
  // load() and sync() throws PropertyNotLoaded.
  function guard(obj, props) {
    obj._loaded = new Set();
    for (const p of props) {
      Object.defineProperty(obj, p, {
        get() {
          if (!this._loaded.has(p)) throw new Error('PropertyNotLoaded: ' + p + ' was read before load() and sync()');
          return this['_' + p];
        },
        set(v) { this._set(p, v); },
        configurable: true,
      });
    }
    return obj;
  }
  const fields = (props) => String(props || '').split(',').map((x) => x.trim().replace(/^items\//, '')).filter(Boolean);

  class Context {
    constructor(wb) {
      this.wbm = wb;
      this.queue = [];
      this.request = 0;
      this.syncs = 0;
      const ctx = this;
      this.workbook = {
        worksheets: new SheetsProxy(this),
        tables: new TablesProxy(this),
        names: new Collection(this, () => wb.names, () => guard({}, ['name'])),
        // Excel.WorkbookProtection.protected (ExcelApi 1.7): the structure is protected.
        protection: guard({ _set() { throw new Error('InvalidArgument: read-only'); },
          load(p) { return ctx.load(this, p, () => ({ protected: wb.structureProtected })); } }, ['protected']),
      };
      this.application = { suspendApiCalculationUntilNextSync: () => this.queue.push(() => { wb.calculationSuspended++; }) };
    }
    /** Refuses an API above the host's ExcelApi version at sync, as Excel answers ApiNotFound. */
    // "Office versions and requirement sets" (learn.microsoft.com): a host lacking an API set has none of its members.
    needs(version, what) {
      if (this.api && !this.api(version)) this.queue.push(() => { throw fail('ApiNotFound', what + ' needs ExcelApi ' + version); });
    }
    async sync() {
      this.syncs++;
      const q = this.queue, request = this.request;
      this.queue = [];
      this.request = 0;
      const wb = this.wbm;
      wb.maxRequest = Math.max(wb.maxRequest, request);
      // "Resource limits and performance optimization for Office Add-ins": 5 MB a request (its bytes, not its cells).
      if (request > wb.payloadLimit) throw fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
      this.response = 0;
      for (const op of q) op();
      wb.maxResponse = Math.max(wb.maxResponse, this.response);
      if (this.response > wb.payloadLimit) throw fail('RequestPayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    /** Queues a load: `fetch` runs at sync time and fills the proxy's listed properties. */
    load(proxy, props, fetch) {
      const want = fields(props);
      this.queue.push(() => {
        const data = fetch();
        if ('values' in data && want.includes('values')) this.response += bytes(data.values);
        for (const key of want.length ? want : Object.keys(data)) {
          if (key in data) { proxy['_' + key] = data[key]; proxy._loaded.add(key); }
        }
        if ('isNullObject' in data) { proxy._isNullObject = data.isNullObject; proxy._loaded.add('isNullObject'); }
      });
      return proxy;
    }
    /** Queues a write to a sheet; refused on a protected sheet, as in Excel. */
    write(sheet, kind, box, fn) {
      this.queue.push(() => {
        const s = sheet();
        // "Protect a worksheet" (support.microsoft.com): locked cells, charts and tables cannot be changed.
        if (s.protected) throw fail('AccessDenied', 'The cell or chart you are trying to change is on a protected sheet.');
        const b = typeof box === 'function' ? box() : box;
        if (b) inGrid(b);
        this.wbm.log(kind, s, b);
        fn(s, b);
      });
    }
  }

  /** A collection whose `items` become readable after load + sync. */
  class Collection {
    constructor(ctx, list, wrap) { this.ctx = ctx; this.list = list; this.wrap = wrap; guard(this, ['items']); }
    load(props) {
      const want = fields(props);
      this.ctx.queue.push(() => {
        this._items = this.list().map((x) => {
          const p = this.wrap(x);
          for (const f of want) if (f in x) { p['_' + f] = x[f]; p._loaded.add(f); }
          return p;
        });
        this._loaded.add('items');
      });
      return this;
    }
  }

  class SheetsProxy extends Collection {
    constructor(ctx) { super(ctx, () => ctx.wbm.sheets, (s) => new SheetProxy(ctx, () => s)); }
    getItem(key) { const ctx = this.ctx; return new SheetProxy(ctx, () => ctx.wbm.sheet(key)); }
    getItemOrNullObject(key) {
      const ctx = this.ctx;
      const find = () => ctx.wbm.sheets.find((x) => x.id === key) || ctx.wbm.sheetByName(key) || null;
      const p = guard(new SheetProxy(ctx, () => ctx.wbm.sheet(key)), ['name', 'id', 'visibility', 'isNullObject']);
      p.load = (props) => ctx.load(p, props, () => {
        const s = find();
        return s ? { isNullObject: false, name: s.name, id: s.id, visibility: s.visibility } : { isNullObject: true };
      });
      return p;
    }
    getActiveWorksheet() { const ctx = this.ctx; return new SheetProxy(ctx, () => ctx.wbm.active); }
    add(name) {
      const ctx = this.ctx;
      let made = null;
      ctx.request += bytes(name);
      ctx.queue.push(() => {
        // "Protect a workbook" (support.microsoft.com): with the structure protected, no sheet can be added,
        // deleted, renamed, hidden or shown.
        if (ctx.wbm.structureProtected) throw fail('AccessDenied', 'The workbook structure is protected.');
        made = ctx.wbm.newSheet(name, false);
        ctx.wbm.log('sheet.add', made);
      });
      return new SheetProxy(ctx, () => { if (!made) throw new Error('the sheet was not added'); return made; });
    }
  }

  class SheetProxy {
    constructor(ctx, resolve) {
      this.ctx = ctx;
      this.resolve = resolve;
      guard(this, ['name', 'id', 'visibility']);
      this.freezePanes = {
        freezeRows: (n) => ctx.write(resolve, 'freeze', null, (s) => { s.frozenRows = n; }),
        unfreeze: () => ctx.write(resolve, 'freeze', null, (s) => { s.frozenRows = 0; }),
      };
      this.protection = guard({ _set() { throw new Error('InvalidArgument: protection is read-only here'); }, load: (p) =>
        ctx.load(this.protection, p, () => ({ protected: resolve().protected })) }, ['protected']);
      this.customProperties = new PropsProxy(ctx, resolve);
      this.tables = new SheetTablesProxy(ctx, resolve);
      this.charts = new ChartsProxy(ctx, resolve);
    }
    _set(p, v) {
      if (p !== 'name') throw new Error('InvalidArgument: ' + p + ' is read-only');
      const ctx = this.ctx, resolve = this.resolve;
      ctx.queue.push(() => {
        const s = resolve();
        const other = ctx.wbm.sheetByName(v);
        if (other && other !== s) throw fail('ItemAlreadyExists', 'a sheet named ' + v);
        if (ctx.wbm.structureProtected) throw fail('AccessDenied', 'The workbook structure is protected.');
        const bad = badSheetName(v);
        if (bad) throw fail('InvalidArgument', bad);
        ctx.wbm.log('sheet.rename', s);
        s.name = v;
      });
    }
    load(props) {
      return this.ctx.load(this, props, () => { const s = this.resolve(); return { name: s.name, id: s.id, visibility: s.visibility }; });
    }
    activate() {
      this.ctx.queue.push(() => {
        const s = this.resolve();
        // Excel.Worksheet.visibility / "Hide or show worksheets or workbooks": a hidden or very hidden sheet cannot be
        // the active one; Excel refuses to activate it.
        if (s.visibility !== 'Visible') throw fail('InvalidOperation', 'a hidden sheet cannot be activated: ' + s.name);
        this.ctx.wbm.active = s;
      });
    }
    delete() {
      const ctx = this.ctx, resolve = this.resolve;
      ctx.queue.push(() => {
        const s = resolve();
        if (ctx.wbm.sheets.length === 1) throw fail('InvalidOperation', 'a workbook needs a sheet');
        if (ctx.wbm.structureProtected) throw fail('AccessDenied', 'The workbook structure is protected.');
        ctx.wbm.log('sheet.delete', s);
        ctx.wbm.sheets = ctx.wbm.sheets.filter((x) => x !== s);
        ctx.wbm.tables = ctx.wbm.tables.filter((t) => t.sheet !== s);
        if (ctx.wbm.active === s) ctx.wbm.active = ctx.wbm.sheets[0];
      });
    }
    /** No address: the whole sheet (Excel.Worksheet.getRange). */
    getRange(address) {
      const p = address === undefined ? { top: 0, left: 0, rows: RULES.rows, cols: RULES.cols } : parseAddress(address);
      return new RangeProxy(this.ctx, this.resolve, () => inGrid(p));
    }
    getRangeByIndexes(top, left, rows, cols) { return new RangeProxy(this.ctx, this.resolve, () => inGrid({ top, left, rows, cols })); }
    getCell(r, c) { return this.getRangeByIndexes(r, c, 1, 1); }
    getUsedRangeOrNullObject() {
      const ctx = this.ctx, resolve = this.resolve;
      const r = new RangeProxy(ctx, resolve, () => ctx.wbm.used(resolve()));
      r._nullable = true;
      return r;
    }
  }

  class PropsProxy extends Collection {
    constructor(ctx, sheet) {
      super(ctx, () => [...sheet().props].map(([key, value]) => ({ key, value })), (x) => guard({ key: x.key }, ['value']));
      this.sheet = sheet;
    }
    add(key, value) {
      // Excel.WorksheetCustomPropertyCollection (ExcelApi 1.12).
      this.ctx.needs('1.12', 'worksheet customProperties');
      this.ctx.request += bytes(key) + bytes(value);
      this.ctx.write(this.sheet, 'property', null, (s) => {
        if (String(key).length > RULES.propKey) throw fail('InvalidArgument', 'a custom property key is at most 255 characters');
        if (String(value).length > RULES.propValue) throw fail('InvalidArgument', 'a custom property value is at most 255 characters');
        s.props.set(String(key).toLowerCase(), String(value));
      });
    }
    getItemOrNullObject(key) {
      const ctx = this.ctx, sheet = this.sheet;
      ctx.needs('1.12', 'worksheet customProperties');
      const p = guard({ _set() { throw new Error('InvalidArgument'); } }, ['value', 'isNullObject']);
      p.load = (props) => ctx.load(p, props, () => {
        const v = sheet().props.get(String(key).toLowerCase());
        return v === undefined ? { isNullObject: true } : { isNullObject: false, value: v };
      });
      return p;
    }
  }

  class SheetTablesProxy extends Collection {
    constructor(ctx, sheet) {
      super(ctx, () => ctx.wbm.tables.filter((t) => t.sheet === sheet()), (t) => new TableProxy(ctx, () => t));
      this.sheet = sheet;
    }
    getItem(name) {
      const ctx = this.ctx;
      return new TableProxy(ctx, () => {
        const t = ctx.wbm.tables.find((x) => x.sheet === this.sheet() && x.name.toLowerCase() === String(name).toLowerCase());
        if (!t) throw fail('ItemNotFound', 'no table ' + name);
        return t;
      });
    }
    add(where, hasHeaders) {
      const ctx = this.ctx, sheet = this.sheet;
      const box = typeof where === 'string' ? () => parseAddress(where) : where.box;
      let made = null;
      ctx.write(sheet, 'table.add', box, (s, b) => {
        made = ctx.wbm.addTable(s, 'Table' + ctx.wbm.nextId++, b.top, b.left, b.rows, b.cols);
        made.hasHeaders = hasHeaders;
      });
      const t = new TableProxy(ctx, () => made);
      t._setName = (v) => ctx.queue.push(() => {
        const bad = badTableName(ctx.wbm, v, made);
        if (bad) throw fail(bad[0], bad[1]);
        made.name = v;
      });
      return t;
    }
  }

  class TablesProxy extends Collection {
    constructor(ctx) { super(ctx, () => ctx.wbm.tables, (t) => new TableProxy(ctx, () => t)); }
  }

  class TableProxy {
    constructor(ctx, resolve) {
      this.ctx = ctx;
      this.resolve = resolve;
      guard(this, ['name', 'showTotals']);
      this.worksheet = new SheetProxy(ctx, () => resolve().sheet);
    }
    _set(p, v) { if (p === 'name' && this._setName) this._setName(v); else throw new Error('InvalidArgument: ' + p); }
    load(props) { return this.ctx.load(this, props, () => ({ name: this.resolve().name, showTotals: this.resolve().showTotals })); }
    getRange() {
      const resolve = this.resolve;
      return new RangeProxy(this.ctx, () => resolve().sheet, () => { const t = resolve(); return { top: t.top, left: t.left, rows: t.rows, cols: t.cols }; });
    }
    delete() {
      const ctx = this.ctx;
      ctx.write(() => this.resolve().sheet, 'table.delete', null, () => { ctx.wbm.tables = ctx.wbm.tables.filter((t) => t !== this.resolve()); });
    }
  }

  class RangeProxy {
    constructor(ctx, sheet, box) {
      this.ctx = ctx;
      this.sheet = sheet;
      this.box = box;
      guard(this, ['values', 'numberFormat', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'address', 'isNullObject']);
      const self = this;
      const fill = guard({ _set(p, v) {
        if (p !== 'color') throw new Error('InvalidArgument: ' + p);
        ctx.write(sheet, 'fill', box, (s, b) => self._each(s, b, (k) => s.fills.set(k, v)));
      } }, ['color']);
      fill.load = (props) => ctx.load(fill, props, () => {
        const b = box();
        return { color: sheet().fills.get(b.top + ',' + b.left) || '#FFFFFF' };
      });
      fill.clear = () => ctx.write(sheet, 'fill.clear', box, (s, b) => self._each(s, b, (k) => s.fills.delete(k)));
      this.format = { fill, autofitColumns: () => ctx.write(sheet, 'autofit', box, (s) => { s.autofit++; }) };
    }
    _each(s, b, fn) { for (let r = 0; r < b.rows; r++) for (let c = 0; c < b.cols; c++) fn((b.top + r) + ',' + (b.left + c)); }
    _set(p, v) {
      const ctx = this.ctx;
      ctx.request += bytes(v);
      const fit = (b) => {
        if (v.length !== b.rows || v.some((row) => row.length !== b.cols)) throw fail('InvalidArgument', 'values do not match the range size');
      };
      if (p === 'values') {
        ctx.write(this.sheet, 'values', this.box, (s, b) => {
          fit(b);
          // "Excel specifications and limits": 32,767 characters a cell.
          if (v.some((row) => row.some((x) => typeof x === 'string' && x.length > RULES.cellText))) {
            throw fail('InvalidArgument', 'a cell holds at most 32,767 characters');
          }
          // "Format numbers as text" (support.microsoft.com): a leading apostrophe makes the entry text and is not
          // part of the value; Range.values gives the text without it.
          v = v.map((row) => row.map((x) => (typeof x === 'string' && x.startsWith("'") ? x.slice(1) : x)));
          v.forEach((row, r) => row.forEach((x, c) => {
            const k = (b.top + r) + ',' + (b.left + c);
            // Like Excel: text starting with "=" becomes a formula unless the cell is formatted as text.
            if (typeof x === 'string' && x.startsWith('=') && s.formats.get(k) !== '@') s.formulas.set(k, x);
            else s.formulas.delete(k);
          }));
          ctx.wbm.setValues(s, b.top, b.left, v);
        });
      } else if (p === 'numberFormat') {
        ctx.write(this.sheet, 'numberFormat', this.box, (s, b) => {
          fit(b);
          v.forEach((row, r) => row.forEach((f, c) => { s.formats.set((b.top + r) + ',' + (b.left + c), f); }));
        });
      } else throw new Error('InvalidArgument: ' + p);
    }
    clear() {
      this.ctx.write(this.sheet, 'clear', this.box, (s, b) => {
        for (let r = b.top; r < b.top + b.rows; r++) {
          const row = s.rows[r];
          if (row) for (let c = b.left; c < b.left + b.cols && c < row.length; c++) row[c] = '';
        }
        this._each(s, b, (k) => { s.formats.delete(k); s.fills.delete(k); s.formulas.delete(k); });
      });
    }
    load(props) {
      const ctx = this.ctx;
      return ctx.load(this, props, () => {
        const b = this.box();
        if (!b) {
          if (!this._nullable) throw fail('ItemNotFound', 'no range');
          return { isNullObject: true };
        }
        const out = { isNullObject: false, rowIndex: b.top, columnIndex: b.left, rowCount: b.rows, columnCount: b.cols,
          address: this.sheet().name + '!' + boxAddress(b) };
        if (fields(props).includes('values')) out.values = ctx.wbm.read(this.sheet(), b);
        return out;
      });
    }
    select() { this.ctx.queue.push(() => { const b = this.box(); this.ctx.wbm.selected = { sheet: this.sheet().name, cell: a1(b.top, b.left) }; }); }
    /** Excel.Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas within the range, or a null object. */
    getMergedAreasOrNullObject() {
      const ctx = this.ctx, sheet = this.sheet, box = this.box;
      ctx.needs('1.13', 'getMergedAreasOrNullObject');
      const areas = guard({ _set() { throw new Error('InvalidArgument'); } }, ['isNullObject', 'areas']);
      areas.load = () => {
        ctx.queue.push(() => {
          const s = sheet(), b = box();
          const found = s.merges.filter((m) => overlaps(m, b));
          areas._isNullObject = !found.length;
          areas._areas = { items: found.map((m) => ({ address: s.name + '!' + boxAddress(m) })) };
          areas._loaded.add('isNullObject');
          areas._loaded.add('areas');
        });
        return areas;
      };
      return areas;
    }
  }

  class ChartsProxy extends Collection {
    constructor(ctx, sheet) {
      const wrap = (get) => {
        const p = guard({}, ['name']);
        p.delete = () => ctx.write(sheet, 'chart.delete', null, (s) => { const c = get(); s.charts = s.charts.filter((x) => x !== c); });
        return p;
      };
      super(ctx, () => sheet().charts, (c) => wrap(() => c));
      this.sheet = sheet;
      this.getItem = (name) => {
        const get = () => {
          const c = sheet().charts.find((x) => x.name === name);
          if (!c) throw fail('ItemNotFound', 'no chart ' + name);
          return c;
        };
        const p = wrap(get);
        const more = Object.getOwnPropertyDescriptors(this.chart(get));
        // Renaming queues like any write; reading the name still needs load() and sync().
        more.name = { get: Object.getOwnPropertyDescriptor(p, 'name').get, set: more.name.set, configurable: true };
        return Object.defineProperties(p, more);
      };
    }
    /** What a chart offers beyond its name: title, series, position, setData (queued). */
    chart(get) {
      const ctx = this.ctx;
      const seriesProxy = (at) => ({
        set name(v) { ctx.queue.push(() => { at().name = v; }); },
        setValues(r) { ctx.queue.push(() => { at().values = r.box(); }); },
        setXAxisValues(r) { ctx.queue.push(() => { at().x = r.box(); }); },
      });
      return {
        set name(v) { ctx.queue.push(() => { get().name = v; }); },
        title: { set text(v) { ctx.queue.push(() => { get().title = v; }); } },
        series: {
          getItemAt: (i) => seriesProxy(() => get().series[i]),
          add: (name) => { let s; ctx.queue.push(() => { s = { name, values: null, x: null }; get().series.push(s); }); return seriesProxy(() => s); },
        },
        setPosition: (r) => ctx.queue.push(() => { get().position = r.box(); }),
        // One column of data: one series, as Excel makes it; the chart keeps its name, title and place.
        setData: (range) => ctx.write(this.sheet, 'chart.data', null, () => { get().series = [{ name: 'Series1', values: range.box(), x: null }]; }),
      };
    }
    add(type, range, seriesBy) {
      const ctx = this.ctx;
      const chart = { name: 'Chart ' + ctx.wbm.nextId++, type, seriesBy, title: '', series: [], position: null };
      ctx.write(this.sheet, 'chart', null, (s) => { chart.series.push({ name: 'Series1', values: range.box(), x: null }); s.charts.push(chart); });
      return this.chart(() => chart);
    }
  }

  /**
   * Installs `Excel` (and, with opts.office, a minimal `Office`) on `target`, backed by `wb`.
   * opts.api: the ExcelApi version the host claims (default '1.20': undo groups).
   */
  function install(target, wb, opts) {
    const o = opts || {};
    const hostApi = o.api || '1.20';
    const has = (want) => want.split('.').map(Number).reduce((acc, n, i) => (acc !== 0 ? acc : (hostApi.split('.').map(Number)[i] || 0) - n), 0) >= 0;
    const runs = [];
    const runOptions = [];
    target.Excel = {
      ChartType: { columnClustered: 'ColumnClustered', line: 'Line' },
      ChartSeriesBy: { columns: 'Columns' },
      ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
      async run(a, b) {
        const cb = typeof a === 'function' ? a : b;
        runOptions.push(typeof a === 'function' ? null : a);
        const ctx = new Context(wb);
        ctx.api = has;
        runs.push(ctx);
        try {
          return await cb(ctx);
        } finally {
          ctx.queue = []; // unsynced work is dropped, as in Excel
        }
      },
    };
    const settings = new Map();
    let saves = 0;
    const store = {
      get: (k) => (settings.has(k) ? JSON.parse(JSON.stringify(settings.get(k))) : null),
      set: (k, v) => settings.set(k, JSON.parse(JSON.stringify(v))),
      saveAsync: (cb) => { saves++; if (cb) cb({ status: 'succeeded' }); },
    };
    if (o.office) {
      const Office = target.Office || (target.Office = {});
      Office.HostType = Office.HostType || { Excel: 'Excel' };
      Office.AsyncResultStatus = Office.AsyncResultStatus || { Succeeded: 'succeeded', Failed: 'failed' };
      Office.onReady = (cb) => { const info = { host: Office.HostType.Excel, platform: 'OfficeOnline' }; if (cb) setTimeout(() => cb(info), 0); return Promise.resolve(info); };
      const requirements = { isSetSupported: (name, version) => name === 'ExcelApi' && has(String(version || '1.1')) };
      // The real office.js (browser test) defines Office.context itself: ours must win.
      const context = { document: { settings: store }, requirements };
      try {
        Object.defineProperty(Office, 'context', { get: () => context, set: () => undefined, configurable: true });
      } catch (e) { /* office.js made it a fixed getter over OSF's app factory: answer there */ }
      if (target.OSF && target.OSF._OfficeAppFactory) target.OSF._OfficeAppFactory.getContext = () => context;
      Office.actions = { associate: (name, fn) => { (target.__poolshareActions = target.__poolshareActions || {})[name] = fn; } };
      Office.addin = { showAsTaskpane: async () => undefined };
    }
    return { wb, runs, runOptions, settings, saves: () => saves, syncCounts: () => runs.map((r) => r.syncs) };
  }

  /**
   * A workbook from specs: { name, values, table?, top?, left? } (top/left 1-based), several specs
   * may share a sheet. Every sheet is the user's.
   */
  function fromSpecs(specs) {
    const wb = new Workbook();
    for (const s of specs) {
      wb.addSheet(s.name, s.values, { table: s.table, top: (s.top || 1) - 1, left: (s.left || 1) - 1, reuse: true });
    }
    if (!wb.sheets.length) wb.addSheet('Sheet1');
    return wb;
  }

  const api = { Workbook, install, fromSpecs, parseAddress, boxAddress, overlaps, a1 };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PoolshareFakeExcel = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
