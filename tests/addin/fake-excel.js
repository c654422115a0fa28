/* A small in-memory Excel host for tests: Excel.run / RequestContext with a sync counter, a
 * workbook of sheets, cells, fills, tables and charts, and just the Office.js surface Poolshare's
 * adapter uses. Like the real host it queues every load and write and carries them out only at
 * context.sync(): a property read before its load has been synced throws, and a bad operation
 * (a sheet name taken, an unknown sheet) fails the whole sync.
 * Used by the Jest adapter tests (require) and injected into the browser test's page (script).
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
  /** "B3" or "B3:D7" (optionally "Sheet!B3") to 0-based {top,left,rows,cols}. */
  function parseAddress(address) {
    const a = String(address).replace(/^.*!/, '').replace(/\$/g, '');
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
    if (!m) throw new Error('InvalidArgument: bad address ' + address);
    const top = Number(m[2]) - 1, left = colNum(m[1]) - 1;
    const bottom = m[4] ? Number(m[4]) - 1 : top, right = m[3] ? colNum(m[3]) - 1 : left;
    return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }
  function a1(r, c) { return colLetters(c + 1) + (r + 1); }

  class Workbook {
    constructor() {
      this.sheets = [];
      this.tables = [];
      this.active = null;
      this.selected = null;
      this.nextId = 1;
      this.calculationSuspended = 0;
    }
    addSheet(name, values) {
      if (this.sheetByName(name)) throw new Error('ItemAlreadyExists: a sheet named ' + name);
      const s = { id: '{' + String(this.nextId++).padStart(8, '0') + '-0000-0000-0000-000000000000}', name, cells: new Map(), frozenRows: 0, charts: [], autofit: 0 };
      this.sheets.push(s);
      if (!this.active) this.active = s;
      if (values) this.setValues(s, 0, 0, values);
      return s;
    }
    sheetByName(name) { return this.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase()); }
    sheet(nameOrId) {
      const s = this.sheets.find((x) => x.id === nameOrId) || this.sheetByName(nameOrId);
      if (!s) throw new Error('ItemNotFound: no sheet ' + nameOrId);
      return s;
    }
    cell(s, r, c) {
      const k = r + ',' + c;
      if (!s.cells.has(k)) s.cells.set(k, { value: '', format: 'General', fill: null, writes: 0 });
      return s.cells.get(k);
    }
    setValues(s, top, left, values) {
      values.forEach((row, r) => row.forEach((v, c) => {
        const cell = this.cell(s, top + r, left + c);
        cell.value = v; cell.writes++;
      }));
    }
    addTable(s, name, top, left, rows, cols) {
      if (this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) throw new Error('ItemAlreadyExists: a table named ' + name);
      const t = { name, sheet: s, top, left, rows, cols };
      this.tables.push(t);
      return t;
    }
    /** The used range (values only) of a sheet: {top,left,values} or null. */
    used(s) {
      let top = Infinity, left = Infinity, bottom = -1, right = -1;
      for (const [k, cell] of s.cells) {
        if (cell.value === '' || cell.value === null || cell.value === undefined) continue;
        const [r, c] = k.split(',').map(Number);
        top = Math.min(top, r); left = Math.min(left, c); bottom = Math.max(bottom, r); right = Math.max(right, c);
      }
      if (bottom < 0) return null;
      return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
    }
    read(s, box) {
      const out = [];
      for (let r = 0; r < box.rows; r++) {
        const row = [];
        for (let c = 0; c < box.cols; c++) {
          const cell = s.cells.get((box.top + r) + ',' + (box.left + c));
          row.push(cell ? cell.value : '');
        }
        out.push(row);
      }
      return out;
    }
    /** Plain view for assertions: a sheet's values as a 2-D array from A1 to its used corner. */
    valuesOf(name) {
      const s = this.sheet(name);
      const u = this.used(s);
      if (!u) return [];
      return this.read(s, { top: 0, left: 0, rows: u.top + u.rows, cols: u.left + u.cols });
    }
    fillOf(name, address) {
      const p = parseAddress(address);
      const cell = this.sheet(name).cells.get(p.top + ',' + p.left);
      return cell ? cell.fill : null;
    }
    /** Every write a cell of this sheet has had (values). */
    writesTo(name) {
      let n = 0;
      for (const cell of this.sheet(name).cells.values()) n += cell.writes;
      return n;
    }
  }

  /** A proxy whose listed properties are readable only after a load and a sync. */
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

  class Context {
    constructor(wb) {
      this.wbm = wb;
      this.queue = [];
      this.syncs = 0;
      this.workbook = new WorkbookProxy(this);
      const ctx = this;
      this.application = { suspendApiCalculationUntilNextSync() { ctx.queue.push(() => { wb.calculationSuspended++; }); } };
    }
    async sync() {
      this.syncs++;
      const q = this.queue;
      this.queue = [];
      for (const op of q) op();
    }
    /** Queues a load: `fetch` runs at sync time and fills the proxy's listed properties. */
    load(proxy, props, fetch) {
      const want = String(props || '').split(',').map((x) => x.trim()).filter(Boolean);
      this.queue.push(() => {
        const data = fetch();
        for (const p of want.length ? want : Object.keys(data)) {
          const key = p.replace(/^items\//, '');
          if (key in data) { proxy['_' + key] = data[key]; proxy._loaded.add(key); }
        }
      });
      return proxy;
    }
  }

  class WorkbookProxy {
    constructor(ctx) {
      this.worksheets = new SheetsProxy(ctx);
      this.tables = new TablesProxy(ctx);
    }
  }

  class SheetsProxy {
    constructor(ctx) { this.ctx = ctx; guard(this, ['items']); }
    load(props) {
      const ctx = this.ctx;
      const fields = String(props).split(',').map((p) => p.trim().replace(/^items\//, ''));
      ctx.queue.push(() => {
        this._items = ctx.wbm.sheets.map((s) => {
          const p = new SheetProxy(ctx, () => s);
          for (const f of fields) if (f === 'name' || f === 'id') { p['_' + f] = s[f]; p._loaded.add(f); }
          return p;
        });
        this._loaded.add('items');
      });
      return this;
    }
    getItem(key) { const ctx = this.ctx; return new SheetProxy(ctx, () => ctx.wbm.sheet(key)); }
    getActiveWorksheet() { const ctx = this.ctx; return new SheetProxy(ctx, () => ctx.wbm.active); }
    add(name) {
      const ctx = this.ctx;
      let made = null;
      ctx.queue.push(() => { made = ctx.wbm.addSheet(name); });
      return new SheetProxy(ctx, () => { if (!made) throw new Error('the sheet was not added'); return made; });
    }
  }

  class SheetProxy {
    constructor(ctx, resolve) {
      this.ctx = ctx;
      this.resolve = resolve;
      guard(this, ['name', 'id']);
      const self = this;
      this.freezePanes = { freezeRows(n) { ctx.queue.push(() => { resolve().frozenRows = n; }); } };
      this.tables = { add(where, hasHeaders) { return self._addTable(where, hasHeaders); } };
      this.charts = { add(type, range, seriesBy) { return new ChartProxy(ctx, resolve, type, range, seriesBy); } };
    }
    _set(p, v) {
      if (p !== 'name') throw new Error('InvalidArgument: ' + p + ' is read-only');
      const ctx = this.ctx, resolve = this.resolve;
      ctx.queue.push(() => {
        const s = resolve();
        const other = ctx.wbm.sheetByName(v);
        if (other && other !== s) throw new Error('ItemAlreadyExists: a sheet named ' + v);
        s.name = v;
      });
    }
    load(props) { return this.ctx.load(this, props, () => { const s = this.resolve(); return { name: s.name, id: s.id }; }); }
    activate() { this.ctx.queue.push(() => { this.ctx.wbm.active = this.resolve(); }); }
    delete() {
      const ctx = this.ctx, resolve = this.resolve;
      ctx.queue.push(() => {
        const s = resolve();
        if (ctx.wbm.sheets.length === 1) throw new Error('InvalidOperation: a workbook needs a sheet');
        ctx.wbm.sheets = ctx.wbm.sheets.filter((x) => x !== s);
        ctx.wbm.tables = ctx.wbm.tables.filter((t) => t.sheet !== s);
        if (ctx.wbm.active === s) ctx.wbm.active = ctx.wbm.sheets[0];
      });
    }
    getRange(address) { const p = parseAddress(address); return new RangeProxy(this.ctx, this.resolve, () => p); }
    getRangeByIndexes(top, left, rows, cols) { return new RangeProxy(this.ctx, this.resolve, () => ({ top, left, rows, cols })); }
    getCell(r, c) { return this.getRangeByIndexes(r, c, 1, 1); }
    getUsedRangeOrNullObject() {
      const ctx = this.ctx, resolve = this.resolve;
      const r = new RangeProxy(ctx, resolve, () => ctx.wbm.used(resolve()));
      r._nullable = true;
      return r;
    }
    _addTable(where, hasHeaders) {
      const ctx = this.ctx, resolve = this.resolve;
      const box = typeof where === 'string' ? () => parseAddress(where) : where.box;
      const t = new TableProxy(ctx, () => made);
      let made = null;
      let name = null;
      ctx.queue.push(() => {
        const b = box();
        made = ctx.wbm.addTable(resolve(), 'Table' + (ctx.wbm.tables.length + 1) + '_' + Date.now(), b.top, b.left, b.rows, b.cols);
        made.hasHeaders = hasHeaders;
      });
      t._setName = (v) => { name = v; ctx.queue.push(() => {
        if (ctx.wbm.tables.some((x) => x !== made && x.name.toLowerCase() === name.toLowerCase())) throw new Error('ItemAlreadyExists: a table named ' + name);
        made.name = name;
      }); };
      return t;
    }
  }

  class TablesProxy {
    constructor(ctx) { this.ctx = ctx; guard(this, ['items']); }
    load() {
      const ctx = this.ctx;
      ctx.queue.push(() => {
        this._items = ctx.wbm.tables.map((t) => { const p = new TableProxy(ctx, () => t); p._name = t.name; p._loaded.add('name'); return p; });
        this._loaded.add('items');
      });
      return this;
    }
    getItem(name) {
      const ctx = this.ctx;
      return new TableProxy(ctx, () => { const t = ctx.wbm.tables.find((x) => x.name.toLowerCase() === name.toLowerCase()); if (!t) throw new Error('ItemNotFound: table ' + name); return t; });
    }
  }

  class TableProxy {
    constructor(ctx, resolve) {
      this.ctx = ctx;
      this.resolve = resolve;
      guard(this, ['name']);
      this.worksheet = new SheetProxy(ctx, () => resolve().sheet);
    }
    _set(p, v) { if (p === 'name' && this._setName) this._setName(v); else throw new Error('InvalidArgument: ' + p); }
    getRange() { const resolve = this.resolve; return new RangeProxy(this.ctx, () => resolve().sheet, () => { const t = resolve(); return { top: t.top, left: t.left, rows: t.rows, cols: t.cols }; }); }
  }

  class RangeProxy {
    constructor(ctx, sheet, box) {
      this.ctx = ctx;
      this.sheet = sheet;
      this.box = box;
      guard(this, ['values', 'rowIndex', 'columnIndex', 'isNullObject', 'numberFormat']);
      const self = this;
      const fill = guard({ _set(p, v) {
        if (p !== 'color') throw new Error('InvalidArgument: ' + p);
        ctx.queue.push(() => self._each((cell) => { cell.fill = v; }));
      } }, ['color']);
      fill.load = (props) => ctx.load(fill, props, () => { const b = box(); const c = ctx.wbm.cell(sheet(), b.top, b.left); return { color: c.fill || '#FFFFFF' }; });
      fill.clear = () => ctx.queue.push(() => self._each((cell) => { cell.fill = null; }));
      this.format = { fill, autofitColumns() { ctx.queue.push(() => { sheet().autofit++; }); } };
    }
    _each(fn) { const b = this.box(); const s = this.sheet(); for (let r = 0; r < b.rows; r++) for (let c = 0; c < b.cols; c++) fn(this.ctx.wbm.cell(s, b.top + r, b.left + c)); }
    _set(p, v) {
      const ctx = this.ctx;
      if (p === 'values') {
        ctx.queue.push(() => {
          const b = this.box();
          if (v.length !== b.rows || v.some((row) => row.length !== b.cols)) throw new Error('InvalidArgument: values do not match the range size');
          const s = this.sheet();
          v.forEach((row, r) => row.forEach((x, c) => {
            const cell = ctx.wbm.cell(s, b.top + r, b.left + c);
            // Like Excel: text starting with "=" becomes a formula unless the cell is formatted as text.
            if (typeof x === 'string' && x.startsWith('=') && cell.format !== '@') cell.formula = x;
            cell.value = x; cell.writes++;
          }));
        });
      } else if (p === 'numberFormat') {
        ctx.queue.push(() => { const b = this.box(); const s = this.sheet(); v.forEach((row, r) => row.forEach((f, c) => { ctx.wbm.cell(s, b.top + r, b.left + c).format = f; })); });
      } else throw new Error('InvalidArgument: ' + p);
    }
    load(props) {
      const ctx = this.ctx;
      return ctx.load(this, props ? props + ',isNullObject' : props, () => {
        const b = this.box();
        if (!b) {
          if (!this._nullable) throw new Error('ItemNotFound');
          return { isNullObject: true };
        }
        return { isNullObject: false, values: ctx.wbm.read(this.sheet(), b), rowIndex: b.top, columnIndex: b.left };
      });
    }
    select() { this.ctx.queue.push(() => { const b = this.box(); this.ctx.wbm.selected = { sheet: this.sheet().name, cell: a1(b.top, b.left) }; }); }
  }

  class ChartProxy {
    constructor(ctx, sheet, type, range, seriesBy) {
      const chart = { type, seriesBy, title: '', series: [], position: null };
      ctx.queue.push(() => { chart.series.push({ name: 'Series1', values: range.box(), x: null }); sheet().charts.push(chart); });
      const seriesProxy = (get) => ({
        set name(v) { ctx.queue.push(() => { get().name = v; }); },
        setValues(r) { ctx.queue.push(() => { get().values = r.box(); }); },
        setXAxisValues(r) { ctx.queue.push(() => { get().x = r.box(); }); },
      });
      this.title = { set text(v) { ctx.queue.push(() => { chart.title = v; }); } };
      this.series = {
        getItemAt: (i) => seriesProxy(() => chart.series[i]),
        add: (name) => { let s; ctx.queue.push(() => { s = { name, values: null, x: null }; chart.series.push(s); }); return seriesProxy(() => s); },
      };
      this.setPosition = (r) => ctx.queue.push(() => { chart.position = r.box(); });
    }
  }

  /** Installs `Excel` (and a minimal `Office` if asked) on `target`, backed by `wb`. */
  function install(target, wb, opts) {
    const runs = [];
    target.Excel = {
      ChartType: { columnClustered: 'ColumnClustered' },
      ChartSeriesBy: { columns: 'Columns' },
      async run(cb) {
        const ctx = new Context(wb);
        runs.push(ctx);
        try {
          return await cb(ctx);
        } finally {
          if (ctx.queue.length) ctx.queue = []; // unsynced work is dropped, as in Excel
        }
      },
    };
    const settings = new Map();
    const store = {
      get: (k) => (settings.has(k) ? JSON.parse(JSON.stringify(settings.get(k))) : null),
      set: (k, v) => settings.set(k, JSON.parse(JSON.stringify(v))),
      saveAsync: (cb) => cb && cb({ status: 'succeeded' }),
    };
    if (opts && opts.office) {
      const Office = target.Office || (target.Office = {});
      Office.HostType = Office.HostType || { Excel: 'Excel' };
      Office.AsyncResultStatus = Office.AsyncResultStatus || { Succeeded: 'succeeded', Failed: 'failed' };
      Office.onReady = (cb) => { const info = { host: Office.HostType.Excel, platform: 'OfficeOnline' }; if (cb) setTimeout(() => cb(info), 0); return Promise.resolve(info); };
      // The real office.js (browser test) defines Office.context itself: ours must win.
      const context = { document: { settings: store } };
      try {
        Object.defineProperty(Office, 'context', { get: () => context, set: () => undefined, configurable: true });
      } catch (e) { /* office.js made it a fixed getter over OSF's app factory: answer there */ }
      if (target.OSF && target.OSF._OfficeAppFactory) target.OSF._OfficeAppFactory.getContext = () => context;
      Office.actions = { associate: (name, fn) => { (target.__poolshareActions = target.__poolshareActions || {})[name] = fn; } };
      Office.addin = { showAsTaskpane: async () => undefined };
    }
    return { wb, runs, settings, syncCounts: () => runs.map((r) => r.syncs) };
  }

  const api = { Workbook, install, parseAddress, a1 };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PoolshareFakeExcel = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
