/**
 * `npm run bench`: every figure of docs/bench.md in one run, printed as Markdown tables with a
 * PASS/FAIL per target; the LAST line is one JSON object with every figure.
 *
 * Each measurement runs in its own child process (`run.js --child KIND ROWS [ARG]`, one JSON line
 * out) so its peak memory (maxRSS) and JIT state are its own; the whole `poolshare run` runs under
 * /usr/bin/time. Time targets are judged on CPU time (user + system, GC threads included): on a
 * shared machine wall time mostly measures the other work; both are printed. Options: --quick (1k
 * and 10k rows, the whole process on 10k as JSON, dist/ as it is: no build), --large (the whole
 * process also on 300k and 1M rows).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { generateWorkbook, DEFAULT_SEED } from './generate';
import { buildFormulaModel, runFormulaModel } from './formula-model';
import { checksum, floatFloor, poolsOffByPennies, type PoolPartnerFigures } from './float-floor';
import type { RawRow } from '../src/engine/types';
import {
  loadAddin, loadEngine, loadFunctions, loadMonitor, loadOptions, loadPane, loadTablesWriter, type Figures,
} from './targets';
import { checkBundle } from './bundle-check';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TODAY = new Date(Date.UTC(2025, 9, 1));

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const gc = (): void => (global as unknown as { gc?: () => void }).gc?.();
const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const mib = (bytes: number): number => r1(bytes / 1024 / 1024);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const firstLine = (s: string): string => s.trim().split('\n')[0]?.slice(0, 300) ?? '';

/** `reps` timed calls after `warm` untimed ones: median and best wall time, best CPU time (GC included). */
function timeIt(fn: () => void, reps: number, warm = 1): Figures {
  for (let i = 0; i < warm; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    gc();
    const t = now();
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    wall.push(now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: r2(median(wall)), minMs: r2(Math.min(...wall)), minCpuMs: r2(Math.min(...cpu)), reps };
}

/** The child's peak RSS, and what it held before the timed work (the workbook loaded). */
const memory = (baseline: number): Figures => ({
  rssBaselineMB: baseline,
  peakRssMB: r1(process.resourceUsage().maxRSS / 1024),
});

// ---------------------------------------------------------------------------------------------
// Children: each returns the figures of one measurement.

const CHILDREN: Record<string, (rows: number, arg?: string) => Figures | Promise<Figures>> = {
  /** JSON.parse + parseInputJson + run, as the command line does it, in-process. */
  engine(rows) {
    const engine = loadEngine();
    const wb = generateWorkbook({ rows });
    const text = JSON.stringify(wb);
    const once = () => engine.run(engine.parseInputJson(JSON.parse(text)), { today: TODAY });
    const check = once();
    const baseline = mib(process.memoryUsage().rss);
    const errors = check.warnings.filter((w) => w.severity === 'error');
    return {
      ...timeIt(once, rows >= 100_000 ? 3 : rows >= 10_000 ? 5 : 15),
      ...memory(baseline),
      tables: Object.fromEntries(Object.entries(wb.tables).map(([k, v]) => [k, v.length])),
      pools: check.pools.length,
      errors: errors.length,
      firstError: errors[0] ? `${errors[0].code}: ${errors[0].message}` : null,
    };
  },
  floor(rows) {
    const wb = generateWorkbook({ rows });
    const baseline = mib(process.memoryUsage().rss);
    return { ...timeIt(() => floatFloor(wb.tables), rows >= 100_000 ? 7 : 21), ...memory(baseline) };
  },
  formula(rows) {
    const wb = generateWorkbook({ rows });
    const model = buildFormulaModel(wb.tables);
    const baseline = mib(process.memoryUsage().rss);
    let figures: PoolPartnerFigures[] = [];
    // At 10k one calculation takes seconds: one timed run, no warm-up.
    const t = timeIt(() => { figures = runFormulaModel(model); }, rows >= 10_000 ? 1 : 3, rows >= 10_000 ? 0 : 1);
    return {
      ...t,
      formulas: model.formulas,
      ...memory(baseline),
      agreesWithFloor: checksum(figures) === checksum(floatFloor(wb.tables)),
      penniesOff: poolsOffByPennies(figures),
    };
  },
  addin: (rows) => loadAddin()(generateWorkbook({ rows })),
  riskshare: (rows) => loadFunctions()(rows),
  /** Needs dist/ (the bundle step builds it) and Chromium. */
  pane: () => loadPane()(7),
  /** A year of monitoring (issue 13): `monitor` over 12 periods of Forecasts. */
  monitor(rows) {
    const monitor = loadMonitor();
    const { parseInputJson } = loadEngine();
    const wb = generateWorkbook({ rows, periods: 12 });
    const text = JSON.stringify(wb);
    const once = () => monitor(parseInputJson(JSON.parse(text)), { today: TODAY });
    const check = once();
    const baseline = mib(process.memoryUsage().rss);
    return {
      ...timeIt(once, 3),
      ...memory(baseline),
      forecastRows: wb.tables.Forecasts.length,
      periods: check.periods.length,
      pools: check.pools.length,
      errors: check.warnings.filter((w) => w.severity === 'error').length,
    };
  },
  /**
   * Routes netting (issue 19): 50 partners, 200 pools (each hosted by one partner with three to six
   * others, a seeded choice), positions summing to zero in pennies: routesOf then routesNetting.
   */
  routes() {
    type Routes = typeof import('../src/engine/routes');
    const { routesOf, routesNetting } = require(path.join(ROOT, 'lib/engine/routes.js')) as Routes;
    const { Decimal } = require(path.join(ROOT, 'lib/engine/money.js')) as typeof import('../src/engine/money');
    // mulberry32, seeded: the same workbook every time.
    let seed = 75;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return (((x ^ (x >>> 14)) >>> 0) / 4294967296) * n | 0;
    };
    const partners = Array.from({ length: 50 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    // Each pool's partners' balances sum to zero (in pennies), as a pool's settlement does.
    const position = new Map(partners.map((p) => [p, 0]));
    const pools = Array.from({ length: 200 }, (_, i) => {
      const host = partners[rand(50)];
      const members = new Set([host]);
      const size = 4 + rand(4);
      while (members.size < size) members.add(partners[rand(50)]);
      let hostOwes = 0;
      for (const m of members) {
        if (m === host) continue;
        const balance = rand(2_000_000_00) - 1_000_000_00;
        position.set(m, position.get(m)! + balance);
        hostOwes -= balance;
      }
      position.set(host, position.get(host)! + hostOwes);
      return { name: `Pool ${i}`, kind: 'pooled' as const, host, partners: partners.filter((p) => members.has(p)) };
    });
    const positions = partners.map((partner) =>
      ({ partner, amount: new Decimal(position.get(partner)!).dividedBy(100) }));
    let payments = 0;
    const t = timeIt(() => {
      payments = routesNetting(positions, routesOf(pools, partners)).payments.length;
    }, 5);
    return { ...t, partners: 50, pools: 200, payments };
  },
  /**
   * Risk-share options (issue 18) on the generated workbook: 4 options (each a fixed 50/50 between
   * the first two partners on a tenth of the pools) by 3 scenarios (each a line of a tenth of the
   * pools 10% up), against one year-end run of the same workbook.
   */
  options(rows) {
    const options = loadOptions();
    const { run, parseInputJson } = loadEngine();
    const wb = generateWorkbook({ rows });
    const t = wb.tables as Record<string, RawRow[]>;
    const pools = t.Pools.map((p) => String(p.Pool));
    const [a, b] = t.Partners.map((p) => String(p.Partner));
    const some = (k: number) => pools.filter((_, i) => i % 10 === k);
    t.Options = [0, 1, 2, 3].flatMap((k) => some(k).flatMap((pool) => [
      { Option: `Option ${k + 1}`, Pool: pool, Method: 'fixed', Partner: a, Percent: 50 },
      { Option: `Option ${k + 1}`, Pool: pool, Partner: b, Percent: 50 }]));
    t.Scenarios = [4, 5, 6].flatMap((k) => some(k).flatMap((pool) => {
      const line = t.Lines.find((l) => l.Pool === pool && typeof l.Forecast === 'number');
      const Forecast = Number(line?.Forecast) * 1.1;
      return line ? [{ Scenario: `Scenario ${k - 3}`, Pool: pool, Line: line.Line, Forecast }] : [];
    }));
    const text = JSON.stringify(wb);
    const once = timeIt(() => run(parseInputJson(JSON.parse(text)), { today: TODAY }), 3);
    let entries = 0;
    const all = timeIt(() => {
      const r = options(parseInputJson(JSON.parse(text)), { today: TODAY });
      entries = r.pools.reduce((n, p) => n + p.results.length, 0);
    }, 3);
    return { runMinCpuMs: once.minCpuMs, optionsMinCpuMs: all.minCpuMs, entries,
      ratio: r2(Number(all.minCpuMs) / Number(once.minCpuMs)) };
  },
  /** Writes the generated workbook to `file`, as .json or .xlsx (the project's writer), for the whole process. */
  async file(rows, file = '') {
    const { tables } = generateWorkbook({ rows });
    const t = now();
    if (file.endsWith('.xlsx')) await loadTablesWriter()(file, tables, { force: true });
    else fs.writeFileSync(file, JSON.stringify({ tables }));
    return { inputMB: mib(fs.statSync(file).size), writeMs: r1(now() - t), writerPeakRssMB: memory(0).peakRssMB };
  },
  /**
   * The generated workbook as another producer writes it (issue 20: "written by another producer, not
   * by us"): SheetJS, each table a sheet of its name with its header in row 1 (`json_to_sheet`), text
   * in the cells (t="str"), deflated, as `XLSX.writeFile` saves a workbook. Not available when the
   * `xlsx` package is not installed.
   */
  async other(rows, file = '') {
    const sheetjs = sheetjsModule();
    if (sheetjs === null) return { error: NO_SHEETJS };
    const XLSX = require(sheetjs) as typeof import('xlsx');
    const { tables } = generateWorkbook({ rows });
    const t = now();
    const book = XLSX.utils.book_new();
    for (const [name, list] of Object.entries(tables)) {
      XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(list), name);
    }
    XLSX.writeFile(book, file, { compression: true });
    return { inputMB: mib(fs.statSync(file).size), writeMs: r1(now() - t), writerPeakRssMB: memory(0).peakRssMB };
  },
};

// ---------------------------------------------------------------------------------------------
// The parent.

const CHILD_TIMEOUT = 15 * 60_000;

/** Runs one child; its last stdout line is its figures, or its error. */
function child(kind: string, rows: number, arg = '', nodeArgs: string[] = []): Figures {
  const r = spawnSync(process.execPath, ['--expose-gc', ...nodeArgs, __filename, '--child', kind, String(rows), arg], {
    cwd: ROOT, env: { ...process.env, POOLSHARE_ROOT: ROOT }, encoding: 'utf8', maxBuffer: 64 << 20,
    timeout: CHILD_TIMEOUT,
  });
  try {
    return JSON.parse((r.stdout || '').trim().split('\n').pop() ?? '') as Figures;
  } catch {
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    const died = firstLine(r.stderr || `exit ${r.status} ${r.signal}`);
    return { error: timedOut ? `did not finish in ${CHILD_TIMEOUT / 60_000} minutes` : died };
  }
}

/** Where the xlsx (SheetJS) package is, or null when it is not installed (the anchor and the other producer). */
function sheetjsModule(): string | null {
  try {
    return require.resolve('xlsx', { paths: [ROOT] });
  } catch {
    return null;
  }
}
const NO_SHEETJS = 'not available: the xlsx (SheetJS) package is not installed';

/**
 * The anchor for .xlsx (issue 20): SheetJS reading the same file alone, dense (`XLSX.readFile(file,
 * { dense: true })`), in its own process, CPU and peak RSS as for ours. Not available when the
 * `xlsx` package is not installed.
 */
function sheetjsRead(file: string, runs: number): Figures {
  const xlsx = sheetjsModule();
  if (xlsx === null) return { error: NO_SHEETJS };
  const code = `require(${JSON.stringify(xlsx)}).readFile(${JSON.stringify(file)}, { dense: true })`;
  return wholeProcess(file, runs, [process.execPath, '-e', code]);
}

/**
 * The second anchor (issue 20): openpyxl reading the file alone in read-only mode, every sheet's
 * values (`load_workbook(read_only=True)`, `iter_rows(values_only=True)`), in its own process, CPU and
 * peak RSS as for ours. Not available without Python 3 and openpyxl (Debian: python3-openpyxl).
 */
function openpyxlRead(file: string, runs: number): Figures {
  // The first Python 3 that has openpyxl: the one on PATH (pyenv's, say), else the system's.
  const python = ['python3', '/usr/bin/python3']
    .find((py) => spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
  if (!python) return { error: 'not available: needs Python 3 with openpyxl (Debian: python3-openpyxl)' };
  const code = 'import sys, openpyxl\n'
    + 'wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n'
    + 'n = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))\n';
  return wholeProcess(file, runs, [python, '-c', code, file]);
}

/**
 * `poolshare run FILE --json` and SheetJS's read of the same file, run by turns (ours, SheetJS, ours,
 * ...), each figure then taken over its own runs as `wholeProcess` takes it. The machine this bench
 * runs on is a shared VM whose speed drifts by a third within minutes: run one after the other, the
 * three runs of ours and the three of SheetJS's met different machines, and the ratio of the bests
 * moved by 0.3 between two benches of the same build. By turns, both meet the same drift.
 */
function sideBySide(file: string, runs: number): { ours: Figures; sheetjs: Figures } {
  const ours: Figures[] = [];
  const sheetjs: Figures[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(wholeProcess(file, 1));
    sheetjs.push(sheetjsRead(file, 1));
  }
  return { ours: overRuns(ours), sheetjs: overRuns(sheetjs) };
}

/** Single runs' figures as one: best wall and CPU, median wall, highest RSS; the first error or failing exit. */
function overRuns(list: Figures[]): Figures {
  const failed = list.find((f) => f.error !== undefined || (f.exit !== 0 && f.exit !== 1));
  if (failed) return failed;
  const all = (k: string) => list.map((f) => f[k] as number);
  const message = list.map((f) => f.message).find((m) => m !== undefined);
  return {
    minWallMs: r2(Math.min(...all('minWallMs'))), wallMs: r2(median(all('minWallMs'))),
    minCpuMs: r2(Math.min(...all('minCpuMs'))), peakRssMB: r1(Math.max(...all('peakRssMB'))), runs: list.length,
    exit: list[list.length - 1].exit, ...(message !== undefined ? { message } : {}),
  };
}

/** `poolshare run FILE --json` (or `command`) under /usr/bin/time -v: wall time, CPU time, peak RSS, exit code. */
function wholeProcess(file: string, runs: number, command?: string[]): Figures {
  if (!fs.existsSync('/usr/bin/time')) return { error: 'not available: needs /usr/bin/time (GNU time)' };
  const wall: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  let exit: number | null = null;
  let message = '';
  for (let i = 0; i < runs; i++) {
    const t = now();
    const cli = command ?? [process.execPath, path.join(ROOT, 'bin', 'poolshare.js'), 'run', file, '--json'];
    const r = spawnSync('/usr/bin/time', ['-v', ...cli],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 900_000, maxBuffer: 64 << 20 });
    wall.push(now() - t);
    const err = r.stderr || '';
    const got = (re: RegExp) => Number(re.exec(err)?.[1] ?? NaN);
    rss.push(got(/Maximum resident set size \(kbytes\): (\d+)/) / 1024);
    cpu.push((got(/User time \(seconds\): ([\d.]+)/) + got(/System time \(seconds\): ([\d.]+)/)) * 1000);
    exit = r.status;
    // How it died (a signal, V8's heap limit), or what the command line said (exit 2: one line).
    const died = [/Command terminated by signal \d+/, /FATAL ERROR: [^\n]*/].map((re) => re.exec(err)?.[0])
      .filter(Boolean);
    message = died.length ? died.join(': ') : firstLine(err.split('\tCommand being timed')[0]);
    if (exit !== 0 && exit !== 1) break;
  }
  return {
    minWallMs: r2(Math.min(...wall)), wallMs: r2(median(wall)), minCpuMs: r2(Math.min(...cpu)),
    peakRssMB: r1(Math.max(...rss)), runs: wall.length, exit, ...(message ? { message } : {}),
  };
}

/** The add-in bundle: `npm run build -- --json` (webpack's module list), then dist/ checked. */
function bundle(build: boolean): Figures {
  const stats = path.join(os.tmpdir(), `poolshare-bench-stats-${process.pid}.json`);
  if (build) {
    const r = spawnSync('npm', ['run', 'build', '--', '--json', stats], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) return { error: `npm run build exited ${r.status}: ${firstLine(r.stderr || r.stdout)}` };
  }
  const report = checkBundle(ROOT, build ? stats : undefined);
  fs.rmSync(stats, { force: true });
  if (!Object.keys(report.files).length) return { error: 'no dist/*.js: run `npm run build`' };
  return { ...report, violationCount: report.violations.length };
}

interface Results {
  engine: Record<string, Figures>;
  floatFloor: Record<string, Figures>;
  formulaModel: Record<string, Figures>;
  process: Record<string, Figures>;
  addin10k: Figures;
  riskshare: Figures;
  monitor10k: Figures;
  options10k: Figures;
  routes: Figures;
  bundle: Figures;
  pane: Figures;
}

const num = (f: unknown, ...keys: string[]): number | null => {
  let v = f;
  for (const k of keys) v = (v as Figures | undefined)?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const ratio = (a: number | null, b: number | null): number | null =>
  (a !== null && b !== null && b > 0 ? r2(a / b) : null);

/** Every target in one place: what, the limit, and where its figure comes from. */
interface Target { id: string; what: string; limit: number; unit: string; value: (r: Results) => number | null }
const TARGETS: Target[] = [
  { id: 'workbook-errors', what: 'errors in the generated workbooks (the bench must time the whole job)', limit: 0,
    unit: 'errors', value: (r) => {
      const xs = [...Object.values(r.engine), r.monitor10k].map((f) => num(f, 'errors')).filter((x) => x !== null);
      return xs.length ? xs.reduce((a, b) => a! + b!, 0) : null;
    } },
  { id: 'routes-50x200', what: 'routes netting, 50 partners and 200 pools (best)', limit: 100, unit: 'ms',
    value: (r) => num(r.routes, 'minMs') },
  { id: 'options-10k', what: 'options, 4 options by 3 scenarios on 10k rows / one year-end run (CPU)', limit: 4,
    unit: '×', value: (r) => num(r.options10k, 'ratio') },
  { id: 'xlsx-vs-sheetjs', what: '`poolshare run --json` on 100k rows of .xlsx written by SheetJS / SheetJS reading '
      + 'that file alone (CPU)', limit: 1.2, unit: '×', value: (r) => ratio(num(r.process['100000 xlsx by SheetJS'],
    'minCpuMs'), num(r.process['100000 xlsx by SheetJS, SheetJS read'], 'minCpuMs')) },
  { id: 'xlsx-vs-sheetjs-ours', what: 'the same on the file our own writer makes', limit: 1.2, unit: '×',
    value: (r) => ratio(num(r.process['100000 xlsx'], 'minCpuMs'),
      num(r.process['100000 xlsx SheetJS read'], 'minCpuMs')) },
  { id: 'xlsx-rss', what: '`poolshare run --json` on 100k rows of .xlsx written by SheetJS, peak RSS', limit: 400,
    unit: 'MB', value: (r) => num(r.process['100000 xlsx by SheetJS'], 'peakRssMB') },
  { id: 'xlsx-rss-ours', what: 'the same on the file our own writer makes', limit: 400, unit: 'MB',
    value: (r) => num(r.process['100000 xlsx'], 'peakRssMB') },
  { id: 'xlsx-1m-cpu', what: '`poolshare run --json` on 1M rows of .xlsx, CPU (`--large` only)', limit: 25_000,
    unit: 'ms', value: (r) => num(r.process['1000000 xlsx'], 'minCpuMs') },
  { id: 'xlsx-1m-rss', what: 'the same, peak RSS (1.5 GB read as 1,500 MB, the stricter)', limit: 1500, unit: 'MB',
    value: (r) => num(r.process['1000000 xlsx'], 'peakRssMB') },
  { id: 'out-adds', what: '`--out` at 100k rows: CPU it adds to `poolshare run` (JSON) / the run itself', limit: 1,
    unit: '×', value: (r) => {
      const run = num(r.process['100000 json'], 'minCpuMs');
      const out = num(r.process['100000 json --out'], 'minCpuMs');
      return run === null || out === null || run === 0 ? null : r2((out - run) / run);
    } },
  { id: 'out-rss', what: '`poolshare run --out` on 100k rows (JSON), peak RSS', limit: 500, unit: 'MB',
    value: (r) => num(r.process['100000 json --out'], 'peakRssMB') },
  { id: 'process-time', what: '`poolshare run` on 100k rows (JSON), CPU time, best', limit: 1500, unit: 'ms',
    value: (r) => num(r.process['100000 json'], 'minCpuMs') },
  { id: 'process-memory', what: '`poolshare run` on 100k rows (JSON), peak RSS', limit: 400, unit: 'MB',
    value: (r) => num(r.process['100000 json'], 'peakRssMB') },
  { id: 'growth', what: 'engine CPU time 10k → 100k rows (10× rows)', limit: 12, unit: '×',
    value: (r) => ratio(num(r.engine[100_000], 'minCpuMs'), num(r.engine[10_000], 'minCpuMs')) },
  { id: 'vs-formula', what: 'engine / formula model at 10k rows, CPU time', limit: 0.05, unit: '×',
    value: (r) => ratio(num(r.engine[10_000], 'minCpuMs'), num(r.formulaModel[10_000], 'minCpuMs')) },
  { id: 'vs-floor', what: 'engine / float floor at 10k rows, CPU time', limit: 10, unit: '×',
    value: (r) => ratio(num(r.engine[10_000], 'minCpuMs'), num(r.floatFloor[10_000], 'minCpuMs')) },
  { id: 'addin-payload', what: 'add-in on 10k rows: largest request or response of a round trip', limit: 5120,
    unit: 'KB',
    value: (r) => {
      const xs = [num(r.addin10k, 'maxRequestBytes'), num(r.addin10k, 'maxResponseBytes')];
      return xs.includes(null) ? null : Math.round(Math.max(...(xs as number[])) / 1024);
    } },
  { id: 'input-writes', what: 'add-in writes to the user\'s sheets (fills excepted)', limit: 0, unit: 'writes',
    value: (r) => num(r.addin10k, 'userSheetWrites') },
  { id: 'riskshare', what: 'POOL.RISKSHARE on 1,000 rows, best', limit: 50, unit: 'ms',
    value: (r) => num(r.riskshare, 'minMs') },
  // Issue 20 item 5: twenty identical calls under 1.5× one; a cache hit well under 1 ms per 10k cells.
  { id: 'riskshare-20', what: 'twenty identical POOL.RISKSHARE on 10k rows / one', limit: 1.5, unit: '×',
    value: (r) => num(r.riskshare, 'tenK', 'twentySameRatio') },
  { id: 'cache-hit', what: 'POOL.RISKSHARE cache hit, per 10k cells of arguments', limit: 0.5, unit: 'ms',
    value: (r) => num(r.riskshare, 'tenK', 'hitMsPer10kCells') },
  // Issue 12's 200 KB for ours, raised to 232 KB by the Options view (issue 18); issue 17's "200 KB in
  // all" cannot hold with the Fluent components (~95 KB) it asks for: all of it is held to 330 KB.
  { id: 'bundle', what: 'add-in JavaScript, minified: ours with decimal.js (dist/*.js but fluent.js)', limit: 232,
    unit: 'KB', value: (r) => num(r.bundle, 'oursKB') },
  { id: 'bundle-all', what: 'add-in JavaScript, minified: in all (dist/*.js)', limit: 330,
    unit: 'KB', value: (r) => {
      const ours = num(r.bundle, 'oursKB');
      const fluent = num(r.bundle, 'fluentKB');
      return ours === null || fluent === null ? null : ours + fluent;
    } },
  { id: 'bundle-fluent', what: 'add-in JavaScript, minified: the Fluent UI web components (fluent.js)', limit: 100,
    unit: 'KB', value: (r) => num(r.bundle, 'fluentKB') },
  { id: 'bundle-deps', what: 'bundle: Node-only or unreviewed modules, network APIs', limit: 0, unit: 'issues',
    value: (r) => num(r.bundle, 'violationCount') },
];

/** The one table printer: Markdown, so the output pastes into docs/bench.md and the README. */
function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i ? '--:' : '---'))), ...rows.map(line)].join('\n');
}
const ms = (x: number | null): string =>
  x === null ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(2) : Math.round(x)} ms`;
const mb = (x: number | null): string => (x === null ? '–' : `${Math.round(x)} MB`);
const kb = (bytes: number | null): string => (bytes === null ? '–' : `${Math.round(bytes / 1024)} KB`);
const why = (f: Figures | undefined): string | null => (typeof f?.error === 'string' ? f.error : null);
const k = (rows: number): string => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1000}k`);

function print(r: Results, sizes: number[], say: (s: string) => void): void {
  const bySize = (label: string, of: Record<string, Figures>, cell: (f: Figures) => string) =>
    [label, ...sizes.map((n) => (of[n] ? why(of[n]) ?? cell(of[n]) : '–'))];
  say(table(['contribution rows', ...sizes.map(k)], [
    bySize('engine: parse + validate + run, CPU time, best', r.engine, (f) => ms(num(f, 'minCpuMs'))),
    bySize('engine: wall time, best (median)', r.engine, (f) => `${ms(num(f, 'minMs'))} (${ms(num(f, 'ms'))})`),
    bySize('engine peak RSS (its own process)', r.engine, (f) => mb(num(f, 'peakRssMB'))),
    bySize('formula model (HyperFormula SUMIFS), CPU (wall)', r.formulaModel,
      (f) => `${ms(num(f, 'minCpuMs'))} (${ms(num(f, 'minMs'))})`),
    bySize('float floor, CPU (wall)', r.floatFloor, (f) => `${ms(num(f, 'minCpuMs'))} (${ms(num(f, 'minMs'))})`),
    bySize('formula model: pools whose ROUNDed shares miss the variance', r.formulaModel,
      (f) => `${num(f, 'penniesOff', 'off')} of ${num(f, 'penniesOff', 'pools')}`),
  ]));
  say('');
  const head = ['whole `poolshare run FILE --json`', 'file', 'writing it: wall, peak RSS', 'CPU (best)', 'wall (best)'];
  say(table([...head, 'peak RSS', 'exit'],
    Object.entries(r.process).map(([key, f]) => [key.replace(/^(\d+) /, (_, n) => `${k(Number(n))} rows, `),
      num(f, 'inputMB') === null ? '–' : `${num(f, 'inputMB')} MB`,
      `${ms(num(f, 'writeMs'))}, ${mb(num(f, 'writerPeakRssMB'))}`,
      why(f) ?? ms(num(f, 'minCpuMs')), ms(num(f, 'minWallMs')), mb(num(f, 'peakRssMB')),
      `${f.exit ?? '–'}${typeof f.message === 'string' ? `: ${f.message}` : ''}`])));
  say('');
  const a = r.addin10k;
  const ten = r.riskshare.tenK as Figures | undefined;
  const m = r.monitor10k;
  say(table(['figure', 'value'], [
    ['add-in on 10k rows (Excel fake): Validate, Build schedules (read + write round trips)', why(a) ??
      `${num(a, 'validateRead')} + ${num(a, 'validateWrite')} syncs (${ms(num(a, 'validateMs'))}), ` +
      `${num(a, 'scheduleRead')} + ${num(a, 'scheduleWrite')} syncs (${ms(num(a, 'scheduleMs'))}); largest request ` +
      `${kb(num(a, 'maxRequestBytes'))}, response ${kb(num(a, 'maxResponseBytes'))}`],
    ['POOL.RISKSHARE on 1,000 rows: best, median (first call)', why(r.riskshare) ??
      `${ms(num(r.riskshare, 'minMs'))}, ${ms(num(r.riskshare, 'ms'))} (${ms(num(r.riskshare, 'coldMs'))})`],
    ['POOL.RISKSHARE on 10k rows: one call; twenty identical; twenty pools', why(r.riskshare) ?? (ten
      ? `${ms(num(ten, 'oneMs'))}; ${ms(num(ten, 'twentySameMs'))}; ${ms(num(ten, 'twentyPoolsMs'))}`
      : 'not available: bench/functions.ts has no 10k figures yet (the functions branch)')],
    ['monitoring, a year of 12 periods on 10k rows: CPU, wall (median), peak RSS', why(m) ??
      `${ms(num(m, 'minCpuMs'))}, ${ms(num(m, 'minMs'))} (${ms(num(m, 'ms'))}), ${mb(num(m, 'peakRssMB'))}; ` +
      `${ratio(num(m, 'minCpuMs'), num(r.engine[10_000], 'minCpuMs')) ?? '–'}× one year-end run (CPU)`],
    ['task pane on the example (headless Chromium, median of 7): first paint; Validate; Build schedules', why(r.pane) ??
      `${ms(num(r.pane, 'firstPaintMs'))}; ${ms(num(r.pane, 'validateMs'))}; ${ms(num(r.pane, 'buildMs'))}`],
    ['add-in bundle: minified (gzipped)', why(r.bundle) ??
      `${num(r.bundle, 'totalKB')} KB (${num(r.bundle, 'gzipKB')} KB) ${JSON.stringify(r.bundle.files)}`],
  ]));
}

async function parent(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const large = argv.includes('--large');
  const sizes = quick ? [1000, 10_000] : [1000, 10_000, 100_000];
  const started = now();
  const say = (s: string) => process.stdout.write(s + '\n');
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const machine = {
    cpu: (/model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown').trim(),
    cores: os.cpus().length, memGB: r1(os.totalmem() / 1024 ** 3), node: process.version,
    platform: `${os.platform()} ${os.release()}`, loadAtStart: os.loadavg().map(r2), loadAtEnd: [] as number[],
  };
  say(`Poolshare bench: seed ${DEFAULT_SEED}, ${machine.cores} cores, ${machine.cpu}, node ${machine.node}, ` +
    `load ${machine.loadAtStart.join(' ')}`);
  const step = (label: string, f: Figures): Figures => {
    say(`${label}: ${JSON.stringify(f)}`);
    return f;
  };
  const r: Results = {
    engine: {}, floatFloor: {}, formulaModel: {}, process: {}, addin10k: {}, riskshare: {}, monitor10k: {},
    options10k: {}, routes: {}, bundle: {}, pane: {},
  };
  for (const n of sizes) r.engine[n] = step(`engine ${n}`, child('engine', n));
  for (const n of sizes) r.floatFloor[n] = step(`floor ${n}`, child('floor', n));
  for (const n of quick ? [1000] : [1000, 10_000]) r.formulaModel[n] = step(`formula ${n}`, child('formula', n));

  // The whole command line: 10k (--quick), 100k, and with --large 300k and 1M, as JSON and .xlsx.
  const big = quick ? [10_000] : large ? [100_000, 300_000, 1_000_000] : [100_000];
  for (const n of big) {
    for (const ext of quick ? ['json'] : ['json', 'xlsx']) {
      const file = path.join(os.tmpdir(), `poolshare-bench-${n}-${process.pid}.${ext}`);
      const made = child('file', n, file, n > 100_000 ? ['--max-old-space-size=16384'] : []);
      // Best of 3 at 100k, ours and SheetJS's alike (the ratio is of bests), once past it.
      const runs = n === 100_000 ? 3 : 1;
      if (ext === 'xlsx' && !made.error) {
        // Ours and the anchor by turns (sideBySide): the ratio is of runs made side by side.
        const both = sideBySide(file, runs);
        r.process[`${n} ${ext}`] = step(`process ${n} ${ext}`, { ...made, ...both.ours });
        r.process[`${n} xlsx SheetJS read`] = step(`SheetJS ${n}`, both.sheetjs);
      } else {
        r.process[`${n} ${ext}`] = step(`process ${n} ${ext}`,
          made.error ? { error: `writing the file: ${made.error}` } : { ...made, ...wholeProcess(file, runs) });
      }
      if (ext === 'xlsx' && n === 100_000) {
        // The same rows as another producer writes them, with the anchors reading that file (issue 20).
        const other = file.replace(/\.xlsx$/, '-sheetjs.xlsx');
        const by = child('other', n, other);
        const both = by.error ? undefined : sideBySide(other, runs);
        r.process[`${n} xlsx by SheetJS`] = step(`process ${n} xlsx by SheetJS`,
          both ? { ...by, ...both.ours } : { error: `writing the file: ${by.error}` });
        if (both) {
          r.process[`${n} xlsx by SheetJS, SheetJS read`] = step(`SheetJS ${n} (its file)`, both.sheetjs);
          r.process[`${n} xlsx by SheetJS, openpyxl read`] = step(`openpyxl ${n}`, openpyxlRead(other, 1));
        }
        fs.rmSync(other, { force: true });
      }
      if (ext === 'json' && !made.error && !quick) {
        // The same run writing the results workbook too (`--out`): what writing adds (issue 20).
        const out = path.join(os.tmpdir(), `poolshare-bench-${n}-${process.pid}-results.xlsx`);
        r.process[`${n} json --out`] = step(`process ${n} json --out`, wholeProcess(file, runs,
          [process.execPath, path.join(ROOT, 'bin', 'poolshare.js'), 'run', file, '--out', out, '--force']));
        fs.rmSync(out, { force: true });
      }
      // The file, and the writer's temporary file beside it if it was stopped.
      for (const f of fs.readdirSync(os.tmpdir()).filter((f) => f.includes(path.basename(file)))) {
        fs.rmSync(path.join(os.tmpdir(), f), { force: true });
      }
    }
  }
  r.addin10k = step('add-in 10000', child('addin', 10_000));
  r.riskshare = step('RISKSHARE 1000 and 10000', child('riskshare', 1000));
  r.monitor10k = step('monitor 10000', child('monitor', 10_000));
  r.options10k = step('options 10000', child('options', 10_000));
  r.routes = step('routes 50 x 200', child('routes', 0));
  r.bundle = step('bundle', bundle(!quick));
  r.pane = step('pane', child('pane', 0));
  machine.loadAtEnd = os.loadavg().map(r2);

  const targets = TARGETS.map((t) => {
    const value = t.value(r);
    return { id: t.id, what: t.what, value, limit: t.limit, unit: t.unit,
      verdict: value === null ? 'SKIP' : value <= t.limit ? 'PASS' : 'FAIL' };
  });
  say('');
  print(r, sizes, say);
  say('');
  say(table(['target', 'figure', 'limit', 'verdict'],
    targets.map((t) => [t.what, `${t.value ?? 'n/a'} ${t.unit}`, `${t.limit} ${t.unit}`, t.verdict])));
  say('');
  say(`load average (1, 5, 15 min) ${machine.loadAtStart.join(', ')} at the start, ` +
    `${machine.loadAtEnd.join(', ')} at the end, on ${machine.cores} cores`);
  // The largest workbook of each format that the command line ran (exit 0 or 1): issue 10's "within the limits".
  const runs = (ext: string) =>
    Object.keys(r.process).filter((key) => key.endsWith(ext) && [0, 1].includes(r.process[key].exit as number));
  const largestThatRuns = { json: runs('json').pop() ?? null, xlsx: runs('xlsx').pop() ?? null };
  say(JSON.stringify({ bench: 'poolshare', seed: DEFAULT_SEED, date: new Date().toISOString(), machine, ...r,
    largestThatRuns, targets: Object.fromEntries(targets.map(({ id, ...t }) => [id, t])),
    benchSeconds: r1((now() - started) / 1000) }));
}

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--child');
  if (i < 0) return parent(argv);
  const [kind, rows, arg] = argv.slice(i + 1);
  let f: Figures;
  try {
    const fn = CHILDREN[kind];
    f = fn ? await fn(Number(rows), arg) : { error: `unknown child ${kind}` };
  } catch (e) {
    f = { error: firstLine(e instanceof Error ? e.message : String(e)) };
  }
  // Exit even if the measured code left a server or a browser open.
  process.stdout.write(JSON.stringify(f) + '\n', () => process.exit(0));
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
