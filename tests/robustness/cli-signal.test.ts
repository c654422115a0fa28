/**
 * A write killed by SIGTERM or SIGINT leaves no temporary file: the CLI is spawned on a generated
 * workbook big enough that writing its results takes a while, killed as soon as its temporary
 * file appears (polled, not timed), and the folder is then checked. Bounded: the poll gives up
 * after a fixed number of tries.
 */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'poolshare-signal-'));

/** A require hook that compiles the CLI's TypeScript on the fly (no build needed, no type check). */
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

/** 1,500 pools of two partners: each partner sheet holds about 20,000 schedule rows. */
function bigInput(): string {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a killed write', () => {
  const input = bigInput();
  test.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('%s while writing: no temporary file is left', async (signal, status) => {
    const out = join(dir, `results-${signal}.xlsx`);
    const child = spawn(process.execPath, [hook, 'run', input, '--out', out], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const tmp = () => readdirSync(dir).filter((f) => f.startsWith(`.results-${signal}.xlsx.`) && f.endsWith('.tmp'));
    let seen = false;
    for (let i = 0; i < 6000 && !seen && child.exitCode === null; i++) {
      seen = tmp().length > 0;
      if (!seen) await sleep(10);
    }
    expect(seen).toBe(true); // the write had begun
    child.kill(signal);
    expect(await exited).toBe(status);
    expect(tmp()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
