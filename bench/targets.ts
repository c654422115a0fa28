/**
 * Loads the parts of Poolshare the benchmark measures, from their compiled output next to this
 * file (bench/tsconfig.json compiles src/engine, src/workbook, src/excel and src/functions). A part
 * that is not there (yet) throws a one-line error, which the bench reports as that figure's error.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RunOptions, RunResult, WorkbookInput } from '../src/engine/types';
import type { GeneratedWorkbook } from './generate';

export type Figures = Record<string, unknown>;

const OUT = path.join(__dirname, '..');

function requireCompiled<T>(rel: string, what: string): T {
  const file = path.join(OUT, rel);
  if (!fs.existsSync(file)) throw new Error(`${what} not available: ${rel.replace(/\.js$/, '.ts')} is missing`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}

export interface EngineApi {
  run(input: WorkbookInput, options?: RunOptions): RunResult;
  parseInputJson(value: unknown): WorkbookInput;
}

export function loadEngine(): EngineApi {
  const m = requireCompiled<Partial<EngineApi>>('src/engine/index.js', 'the engine');
  if (typeof m.run !== 'function' || typeof m.parseInputJson !== 'function') {
    throw new Error('the engine: src/engine/index.ts does not export run and parseInputJson');
  }
  return m as EngineApi;
}

export interface AddinBench {
  measure(wb: GeneratedWorkbook): Promise<Figures>;
}
export interface FunctionsBench {
  measure(rows: number): Promise<Figures>;
}

export function loadAddin(): AddinBench {
  const m = requireCompiled<{ measureAddin?: AddinBench['measure'] }>('bench/addin.js', 'the add-in bench');
  if (!m.measureAddin) throw new Error('the add-in bench: bench/addin.ts has no measureAddin');
  return { measure: m.measureAddin };
}

export function loadFunctions(): FunctionsBench {
  const m = requireCompiled<{ measureRiskshare?: FunctionsBench['measure'] }>('bench/functions.js', 'the functions bench');
  if (!m.measureRiskshare) throw new Error('the functions bench: bench/functions.ts has no measureRiskshare');
  return { measure: m.measureRiskshare };
}
