/**
 * For tests that run the command line in a process of its own: a script that runs it from its
 * TypeScript sources (compiled on the fly, no build, no type check), and an input big enough that
 * writing its results takes a while.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..');

/** Writes the script into `dir`; run it as `node <script> run FILE ...`. */
export function tsCli(dir: string): string {
  const hook = join(dir, 'ts-hook.js');
  writeFileSync(hook, `
const ts = require(${JSON.stringify(require.resolve('typescript'))});
const fs = require('fs');
require.extensions['.ts'] = (m, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    fileName: file,
  });
  m._compile(out.outputText, file);
};
require(${JSON.stringify(join(root, 'src', 'cli', 'main.ts'))}).main(process.argv.slice(2)).then((c) => { process.exitCode = c; });
`);
  return hook;
}

/** 1,500 pools of two partners, as JSON in `dir`: each partner sheet holds about 20,000 schedule rows. */
export function bigInput(dir: string): string {
  const pools = Array.from({ length: 1500 }, (_, i) => `P${i}`);
  const tables = {
    Partners: [{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB', Name: 'Integrated Care Board' }],
    Pools: pools.map((Pool) => ({ Pool, Kind: 'pooled', Host: 'CC', Method: 'proportional' })),
    Lines: pools.map((Pool) => ({ Pool, Line: 'L', Lead: 'CC', Forecast: 1020 })),
    Contributions: pools.flatMap((Pool) => [{ Pool, Line: 'L', Partner: 'CC', Gross: 600 }, { Pool, Line: 'L', Partner: 'ICB', Gross: 400 }]),
    Settings: [{ Setting: 'Year start', Value: '2025-04' }],
  };
  const file = join(dir, 'big.json');
  writeFileSync(file, JSON.stringify({ tables }));
  return file;
}
