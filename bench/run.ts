/**
 * `npm run bench`: the engine against a HyperFormula formula model and a float floor, the whole
 * `poolshare run` process, the add-in's round trips, POOL.RISKSHARE and the bundle size, with a
 * PASS/FAIL per target. The LAST line printed is one JSON object with every figure.
 *
 * Each measurement runs in its own child process (`run.js --child KIND ROWS`) so its peak memory
 * (maxRSS) and JIT state are its own. Options: --quick (1k and 10k only, no 100k, no formula model
 * at 10k), --no-build (do not run `npm run build` for the bundle), --profile (always profile the
 * engine at 100k; it is also profiled whenever an engine target fails).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { generateWorkbook, DEFAULT_SEED } from './generate';
import { buildFormulaModel, runFormulaModel } from './formula-model';
import { floatFloor } from './float-floor';
import { checksum, poolsOffByPennies } from './plain';
import { loadEngine, loadAddin, loadFunctions, type Figures } from './targets';
import { summariseProfile } from './profile';
import { checkBundle } from './bundle-check';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const TODAY = new Date(Date.UTC(2025, 9, 1));

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const gc = (): void => (global as unknown as { gc?: () => void }).gc?.();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const maxRssMB = (): number => r1(process.resourceUsage().maxRSS / 1024);
const rssMB = (): number => r1(process.memoryUsage().rss / 1024 / 1024);

/** Times `fn` `reps` times after `warm` warm-up calls; returns the median and min in ms. */
function timeIt(fn: () => void, reps: number, warm: number): { ms: number; minMs: number; minCpuMs: number; reps: number } {
  for (let i = 0; i < warm; i++) fn();
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    gc();
    const t = now();
    const c = process.cpuUsage();
    fn();
    const d = process.cpuUsage(c);
    xs.push(now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  // CPU time (this process, all its threads, GC included) next to wall time: on a busy machine
  // wall time includes waiting for a core; CPU time does not.
  return { ms: r2(median(xs)), minMs: r2(Math.min(...xs)), minCpuMs: r2(Math.min(...cpu)), reps };
}

// ---------------------------------------------------------------------------------------------
// Child measurements: each prints one JSON line.

function childEngine(rows: number, profileOnly = false): Figures {
  const engine = loadEngine();
  const text = JSON.stringify(generateWorkbook({ rows }));
  const warmText = JSON.stringify(generateWorkbook({ rows: 1000, seed: DEFAULT_SEED + 1 }));
  const once = (t: string) => engine.run(engine.parseInputJson(JSON.parse(t)), { today: TODAY });
  for (let i = 0; i < 3; i++) once(warmText);
  gc();
  if (profileOnly) {
    const t = now();
    once(text);
    return { ms: r2(now() - t), reps: 1, peakRssMB: maxRssMB() };
  }
  const baseline = rssMB();
  const check = once(text);
  const errors = check.warnings.filter((w) => w.severity === 'error');
  const failedPools = check.pools.filter((p) => 'errors' in p).length;
  const codes: Record<string, number> = {};
  for (const w of check.warnings) codes[w.code] = (codes[w.code] ?? 0) + 1;
  const reps = rows >= 100_000 ? 3 : rows >= 10_000 ? 5 : 15;
  const t = timeIt(() => once(text), reps, 1);
  return {
    ...t,
    rssBaselineMB: baseline,
    peakRssMB: maxRssMB(),
    pools: check.pools.length,
    failedPools,
    errors: errors.length,
    firstError: errors[0] ? `${errors[0].code}: ${errors[0].message}` : null,
    warningCodes: codes,
    schedules: check.schedules.length,
    payments: check.netting.payments.length,
  };
}

function childFormula(rows: number): Figures {
  const wb = generateWorkbook({ rows });
  const model = buildFormulaModel(wb.tables);
  gc();
  const baseline = rssMB();
  let figures: ReturnType<typeof runFormulaModel> = [];
  const t = timeIt(() => { figures = runFormulaModel(model); }, rows >= 10_000 ? 1 : 3, rows >= 10_000 ? 0 : 1);
  const floor = floatFloor(wb.tables);
  return {
    ...t,
    formulas: model.formulas,
    rssBaselineMB: baseline,
    peakRssMB: maxRssMB(),
    checksum: checksum(figures),
    agreesWithFloor: checksum(figures) === checksum(floor),
    penniesOff: poolsOffByPennies(figures),
  };
}

function childFloor(rows: number): Figures {
  const wb = generateWorkbook({ rows });
  gc();
  const baseline = rssMB();
  const t = timeIt(() => floatFloor(wb.tables), rows >= 100_000 ? 7 : 21, 3);
  return { ...t, rssBaselineMB: baseline, peakRssMB: maxRssMB() };
}

async function childAddin(rows: number): Promise<Figures> {
  const addin = loadAddin();
  const wb = generateWorkbook({ rows });
  return addin.measure(wb);
}

async function childRiskshare(rows: number): Promise<Figures> {
  const fns = loadFunctions();
  return fns.measure(rows);
}

// ---------------------------------------------------------------------------------------------
// The parent: runs the children, the whole process, the bundle, and prints the verdict.

function child(kind: string, rows: number, extraNodeArgs: string[] = []): Figures {
  const r = spawnSync(process.execPath, ['--expose-gc', ...extraNodeArgs, __filename, '--child', kind, String(rows)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  const lines = (r.stdout || '').trim().split('\n');
  const last = lines[lines.length - 1];
  try {
    return JSON.parse(last) as Figures;
  } catch {
    const why = (r.stderr || r.stdout || `exit ${r.status} ${r.signal ?? ''}`).trim().split('\n').slice(-3).join(' | ');
    return { error: why.slice(0, 400) };
  }
}

/** `poolshare run FILE --json` under /usr/bin/time -v: wall time and peak RSS of the whole process. */
function wholeProcess(file: string): Figures {
  const bin = path.join(ROOT, 'bin', 'poolshare.js');
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) return { error: 'command line not built (lib/cli/main.js missing)' };
  const useTime = fs.existsSync('/usr/bin/time');
  const walls: number[] = [];
  const rsss: number[] = [];
  const cpus: number[] = [];
  let exit: number | null = null;
  let outBytes = 0;
  for (let i = 0; i < 3; i++) {
    const outFile = path.join(os.tmpdir(), `poolshare-bench-out-${process.pid}.json`);
    const fd = fs.openSync(outFile, 'w');
    const t = now();
    const r = useTime
      ? spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'run', file, '--json'], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, [bin, 'run', file, '--json'], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    walls.push(now() - t);
    fs.closeSync(fd);
    outBytes = fs.statSync(outFile).size;
    fs.unlinkSync(outFile);
    exit = r.status;
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || '');
    if (m) rsss.push(Number(m[1]) / 1024);
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr || '');
    const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr || '');
    if (user && sys) cpus.push((Number(user[1]) + Number(sys[1])) * 1000);
  }
  return {
    wallMs: r2(median(walls)),
    minWallMs: r2(Math.min(...walls)),
    peakRssMB: rsss.length ? r1(Math.max(...rsss)) : null,
    minCpuMs: cpus.length ? r2(Math.min(...cpus)) : null,
    exitCode: exit,
    outputBytes: outBytes,
    runs: walls.length,
  };
}

/** The add-in bundle: `npm run build -- --json` (production, with webpack's module list), then checks dist/. */
function bundle(build: boolean): Figures {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.build) return { error: 'no `build` script in package.json' };
  let buildMs: number | null = null;
  let stats: string | undefined;
  if (build) {
    stats = path.join(os.tmpdir(), `poolshare-bench-stats-${process.pid}.json`);
    const t = now();
    const r = spawnSync('npm', ['run', 'build', '--', '--json', stats], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    buildMs = r2(now() - t);
    if (r.status !== 0) return { error: `npm run build exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  }
  const report = checkBundle(ROOT, stats);
  if (stats && fs.existsSync(stats)) fs.unlinkSync(stats);
  if (!Object.keys(report.files).length) return { error: 'no dist/*.js: run `npm run build`' };
  return { built: build, buildMs, ...report, violationCount: report.violations.length };
}

type Verdict = 'PASS' | 'FAIL' | 'SKIP';
interface Target {
  id: string;
  what: string;
  value: number | null;
  limit: number;
  unit: string;
  verdict: Verdict;
}

function target(id: string, what: string, value: number | null | undefined, limit: number, unit: string): Target {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : null;
  return { id, what, value: v, limit, unit, verdict: v === null ? 'SKIP' : v <= limit ? 'PASS' : 'FAIL' };
}

const num = (f: Figures | undefined, k: string): number | null => {
  const v = f?.[k];
  return typeof v === 'number' ? v : null;
};
const ratio = (a: number | null, b: number | null): number | null => (a !== null && b !== null && b > 0 ? r2(a / b) : null);

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function parent(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const build = !argv.includes('--no-build');
  const forceProfile = argv.includes('--profile');
  const sizes = quick ? [1000, 10_000] : [1000, 10_000, 100_000];
  const started = now();
  const say = (s: string) => process.stdout.write(s + '\n');

  const machine = {
    cpu: (/model name\s*:\s*(.*)/.exec(fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown').trim(),
    cores: os.cpus().length,
    memGB: r1(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAtStart: os.loadavg().map(r2),
  };
  say(`Poolshare bench: seed ${DEFAULT_SEED}, ${machine.cores} cores, ${machine.cpu}, node ${machine.node}`);

  const shape: Record<string, Record<string, number>> = {};
  for (const rows of sizes) {
    shape[rows] = Object.fromEntries(Object.entries(generateWorkbook({ rows }).tables).map(([k, v]) => [k, v.length]));
  }

  const engine: Record<string, Figures> = {};
  const formula: Record<string, Figures> = {};
  const floor: Record<string, Figures> = {};
  for (const rows of sizes) {
    engine[rows] = child('engine', rows);
    say(`engine   ${pad(String(rows), 7)} ${JSON.stringify(engine[rows])}`);
  }
  for (const rows of sizes) {
    floor[rows] = child('floor', rows);
    say(`floor    ${pad(String(rows), 7)} ${JSON.stringify(floor[rows])}`);
  }
  for (const rows of quick ? [1000] : [1000, 10_000]) {
    formula[rows] = child('formula', rows);
    say(`formula  ${pad(String(rows), 7)} ${JSON.stringify(formula[rows])}`);
  }

  let whole: Figures = { error: 'skipped (--quick)' };
  if (!quick) {
    const file = path.join(os.tmpdir(), `poolshare-bench-100k-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(generateWorkbook({ rows: 100_000 })));
    whole = { inputMB: r1(fs.statSync(file).size / 1024 / 1024), ...wholeProcess(file) };
    fs.unlinkSync(file);
    say(`process  100000  ${JSON.stringify(whole)}`);
  }

  const addin = child('addin', 10_000);
  say(`add-in   10000   ${JSON.stringify(addin)}`);
  const riskshare = child('riskshare', 1000);
  say(`RISKSHARE 1000   ${JSON.stringify(riskshare)}`);
  const bundleFigures = bundle(build);
  say(`bundle           ${JSON.stringify(bundleFigures)}`);

  // Ratios and targets use the best of the repeated runs (minMs): on a shared machine the
  // minimum is the least disturbed measurement. Medians are printed alongside.
  const e10 = num(engine[10_000], 'minMs');
  const e100 = num(engine[100_000], 'minMs');
  const ratios = {
    engineOverFormula10k: ratio(e10, num(formula[10_000], 'minMs')),
    engineOverFormula1k: ratio(num(engine[1000], 'minMs'), num(formula[1000], 'minMs')),
    engineOverFloor10k: ratio(e10, num(floor[10_000], 'minMs')),
    engineOverFloor100k: ratio(e100, num(floor[100_000], 'minMs')),
    growth1kTo10k: ratio(e10, num(engine[1000], 'minMs')),
    growth10kTo100k: ratio(e100, e10),
    // The same on CPU time, less disturbed by other work on the machine.
    cpu: {
      engineOverFormula10k: ratio(num(engine[10_000], 'minCpuMs'), num(formula[10_000], 'minCpuMs')),
      engineOverFloor10k: ratio(num(engine[10_000], 'minCpuMs'), num(floor[10_000], 'minCpuMs')),
      growth10kTo100k: ratio(num(engine[100_000], 'minCpuMs'), num(engine[10_000], 'minCpuMs')),
    },
  };
  const targets: Target[] = [
    target('process-time', 'poolshare run, 100k rows, whole process wall time', num(whole, 'minWallMs'), 1500, 'ms'),
    target('process-memory', 'poolshare run, 100k rows, whole process peak RSS', num(whole, 'peakRssMB'), 400, 'MB'),
    target('growth', 'engine time 10k -> 100k rows (10x rows)', ratios.growth10kTo100k, 12, 'x'),
    target('vs-formula', 'engine / formula model at 10k rows', ratios.engineOverFormula10k, 0.05, 'x'),
    target('vs-floor', 'engine / float floor at 10k rows', ratios.engineOverFloor10k, 10, 'x'),
    target('validate-read', 'add-in Validate, 10k workbook: context.sync to read', num(addin, 'validateRead'), 3, 'syncs'),
    target('validate-write', 'add-in Validate, 10k workbook: context.sync to write', num(addin, 'validateWrite'), 3, 'syncs'),
    target('schedules-read', 'add-in Build schedules, 10k workbook: context.sync to read', num(addin, 'scheduleRead'), 3, 'syncs'),
    target('schedules-write', 'add-in Build schedules, 10k workbook: context.sync to write', num(addin, 'scheduleWrite'), 3, 'syncs'),
    target('input-writes', 'add-in writes to the user\'s sheets (fills excepted)', num(addin, 'userSheetWrites'), 0, 'writes'),
    target('riskshare', 'POOL.RISKSHARE on a 1,000-row table', num(riskshare, 'ms'), 50, 'ms'),
    target('bundle', 'add-in JavaScript, minified (dist/*.js)', num(bundleFigures, 'totalKB'), 400, 'KB'),
    target('bundle-deps', 'bundle: Node-only/CLI-only modules, unreviewed packages, network APIs', num(bundleFigures, 'violationCount'), 0, 'issues'),
  ];

  say('');
  say('figure                                   1k rows      10k rows     100k rows');
  const row3 = (label: string, get: (rows: number) => string) =>
    say(`${pad(label, 40)} ${pad(get(1000), 12)} ${pad(get(10_000), 12)} ${get(100_000)}`);
  const ms = (f: Figures | undefined) => (num(f, 'ms') === null ? '-' : `${num(f, 'minMs')}/${num(f, 'ms')} ms`);
  row3('engine (parse+validate+run), best/median', (r) => ms(engine[r]));
  row3('engine peak RSS (own process)', (r) => (num(engine[r], 'peakRssMB') === null ? '-' : `${num(engine[r], 'peakRssMB')} MB`));
  row3('  of which above the loaded workbook', (r) => {
    const peak = num(engine[r], 'peakRssMB');
    const base = num(engine[r], 'rssBaselineMB');
    return peak === null || base === null ? '-' : `${r1(peak - base)} MB`;
  });
  row3('formula model (HyperFormula), best/median', (r) => ms(formula[r]));
  row3('float floor, best/median', (r) => ms(floor[r]));
  for (const rows of [1000, 10_000]) {
    const off = formula[rows]?.penniesOff as { pools: number; off: number; maxOff: number } | undefined;
    if (off) say(`formula model at ${rows} rows: in ${off.off} of ${off.pools} pools the ROUNDed allocations do not add up to the variance (by up to ${off.maxOff}); the engine's split always adds up`);
  }
  row3('engine CPU time (user+system), best', (r) => (num(engine[r], 'minCpuMs') === null ? '-' : `${num(engine[r], 'minCpuMs')} ms`));
  say(`whole process, 100k rows: wall best ${num(whole, 'minWallMs') ?? '-'} ms, median ${num(whole, 'wallMs') ?? '-'} ms; CPU best ${num(whole, 'minCpuMs') ?? '-'} ms; peak RSS ${num(whole, 'peakRssMB') ?? '-'} MB`);
  const loadEnd = os.loadavg().map(r2);
  say(`load average (1, 5, 15 min): ${machine.loadAtStart.join(', ')} at the start, ${loadEnd.join(', ')} at the end, on ${machine.cores} cores${machine.loadAtStart[0] > machine.cores / 2 ? ' (a busy machine: figures are pessimistic)' : ''}`);
  say('');
  say(`on CPU time: engine/formula at 10k ${ratios.cpu.engineOverFormula10k ?? '-'}x, engine/floor at 10k ${ratios.cpu.engineOverFloor10k ?? '-'}x, growth 10k->100k ${ratios.cpu.growth10kTo100k ?? '-'}x`);
  say('');
  for (const t of targets) {
    say(`${pad(t.verdict, 5)} ${pad(t.id, 16)} ${pad(t.what, 62)} ${t.value === null ? 'n/a' : t.value} ${t.unit} (limit ${t.limit})`);
  }

  const profile: Record<string, Figures> = {};
  const missed = (ids: string[]) => targets.some((t) => ids.includes(t.id) && t.verdict === 'FAIL');
  const showProfile = (label: string, dir: string) => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    if (!files.length) return;
    const top = summariseProfile(path.join(dir, files[0]), ROOT, 15);
    const byFile = summariseProfile(path.join(dir, files[0]), ROOT, 10, true);
    profile[label] = { file: path.join(dir, files[0]), top, byFile };
    const show = (xs: typeof top) => { for (const t of xs) say(`  ${pad(String(t.selfMs) + ' ms', 10)} ${pad(String(t.percent) + '%', 7)} ${t.where}`); };
    say('');
    say(`profile: ${label}; self time by file:function, top 15:`);
    show(top);
    say('  ... and by file, top 10:');
    show(byFile);
  };
  if (!quick && (forceProfile || missed(['growth', 'vs-formula', 'vs-floor']))) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poolshare-prof-'));
    child('engine-profile', 100_000, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    showProfile('one engine run at 100k rows in-process, after a 1k warm-up', dir);
  }
  if (!quick && (forceProfile || missed(['process-time'])) && fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poolshare-prof-'));
    const file = path.join(os.tmpdir(), `poolshare-bench-100k-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(generateWorkbook({ rows: 100_000 })));
    spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(ROOT, 'bin', 'poolshare.js'), 'run', file, '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
    fs.unlinkSync(file);
    showProfile('the whole `poolshare run FILE --json` process, 100k rows', dir);
  }

  const result = {
    bench: 'poolshare',
    seed: DEFAULT_SEED,
    date: new Date().toISOString(),
    machine,
    workbooks: shape,
    engine,
    formulaModel: formula,
    floatFloor: floor,
    ratios,
    wholeProcess100k: whole,
    addin10k: addin,
    riskshare1000: riskshare,
    bundle: bundleFigures,
    targets: Object.fromEntries(targets.map((t) => [t.id, { value: t.value, limit: t.limit, unit: t.unit, verdict: t.verdict }])),
    profile,
    benchSeconds: r1((now() - started) / 1000),
  };
  say(JSON.stringify(result));
}

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--child');
  if (i < 0) return parent(argv);
  const kind = argv[i + 1];
  const rows = Number(argv[i + 2]);
  let f: Figures;
  try {
    f = kind === 'engine' ? childEngine(rows)
      : kind === 'engine-profile' ? childEngine(rows, true)
      : kind === 'formula' ? childFormula(rows)
      : kind === 'floor' ? childFloor(rows)
      : kind === 'addin' ? await childAddin(rows)
      : kind === 'riskshare' ? await childRiskshare(rows)
      : { error: `unknown child ${kind}` };
  } catch (e) {
    f = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
  process.stdout.write(JSON.stringify(f) + '\n');
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
