/**
 * Loads the parts of Poolshare the benchmark measures, from their compiled output next to this
 * file (bench/tsconfig.json compiles src/ into .cache/bench). A part that is not there (yet)
 * throws a one-line "not available" error, which the bench reports as that figure's error.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RawRow, RunOptions, RunResult, WorkbookInput } from '../src/engine/types';
import type { GeneratedWorkbook } from './generate';

export type Figures = Record<string, unknown>;

const OUT = path.join(__dirname, '..');

function requireCompiled<T>(rel: string, what: string): T {
  const file = path.join(OUT, rel);
  if (!fs.existsSync(file)) throw new Error(`${what} not available: ${rel.replace(/\.js$/, '.ts')} is missing`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}

/** `name` exported by a compiled module, or a "not available" error. */
function exported<T>(rel: string, name: string, what: string): T {
  const m = requireCompiled<Record<string, unknown>>(rel, what);
  if (typeof m[name] !== 'function') {
    throw new Error(`${what} not available: ${rel.replace(/\.js$/, '.ts')} has no ${name}`);
  }
  return m[name] as T;
}

export interface EngineApi {
  run(input: WorkbookInput, options?: RunOptions): RunResult;
  parseInputJson(value: unknown): WorkbookInput;
}

export function loadEngine(): EngineApi {
  const at = 'src/engine/index.js';
  return { run: exported(at, 'run', 'the engine'), parseInputJson: exported(at, 'parseInputJson', 'the engine') };
}

/** In-year monitoring (issue 13): `monitor(input, options)`, with what it returns kept loose until it lands. */
export type MonitorFn = (input: WorkbookInput, options?: RunOptions) => {
  periods: string[];
  pools: Array<{ periods?: unknown[] }>;
  warnings: RunResult['warnings'];
};
export const loadMonitor = (): MonitorFn =>
  exported('src/engine/index.js', 'monitor', 'monitoring (src/engine/monitor)');

/** Risk-share options (issue 18): `options(input, options)`. */
export type OptionsFn = (input: WorkbookInput, options?: RunOptions) => {
  options: string[];
  scenarios: string[];
  pools: Array<{ results: Array<{ errors?: unknown[] }> }>;
};
export const loadOptions = (): OptionsFn => exported('src/engine/options.js', 'options', 'risk-share options');

export type TablesWriter = (file: string, rows: Record<string, RawRow[]>, opts: { force?: boolean }) => Promise<void>;
export const loadTablesWriter = (): TablesWriter =>
  exported('src/cli/xlsx-write.js', 'writeTablesXlsx', 'the .xlsx writer');

export const loadAddin = (): ((wb: GeneratedWorkbook) => Promise<Figures>) =>
  exported('bench/addin.js', 'measureAddin', 'the add-in bench');
export const loadFunctions = (): ((rows: number) => Promise<Figures>) =>
  exported('bench/functions.js', 'measureRiskshare', 'the functions bench');

/** The task pane in headless Chromium (tests/browser/harness.ts): first paint and results on the example. */
export const loadPane = (): ((runs?: number) => Promise<Figures>) =>
  exported('tests/browser/harness.js', 'measurePane', 'the pane\'s timing (the browser harness)');
