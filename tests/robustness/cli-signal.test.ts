/**
 * A write killed by SIGTERM or SIGINT leaves no temporary file: the CLI is spawned on a generated
 * workbook big enough that writing its results takes a while, killed as soon as its temporary
 * file appears (polled, not timed), and the folder is then checked. Bounded: the poll gives up
 * after a fixed number of tries.
 */
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { bigInput, tsCli } from './spawn-cli';

const dir = mkdtempSync(join(tmpdir(), 'poolshare-signal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hook = tsCli(dir);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a killed write', () => {
  const input = bigInput(dir);
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
