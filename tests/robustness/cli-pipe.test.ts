/**
 * A reader that stops reading (`poolshare run book --json | head`): the command line drops what is
 * left to print, quietly, and exits with the command's own code; before, Node ended on an unhandled
 * EPIPE and printed its stack trace. The reader here closes the pipe as soon as the first output
 * arrives, while the results (several MB of JSON) are still being written.
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { bigInput, tsCli } from './spawn-cli';

const dir = mkdtempSync(join(tmpdir(), 'poolshare-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([['run'], ['monitor']])('%s --json into a pipe its reader closes: no stack trace, the command\'s exit code', async (command) => {
  const child = spawn(process.execPath, [tsCli(dir), command, bigInput(dir), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let read = 0;
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  await new Promise<void>((r) => child.stdout.once('data', (d: Buffer) => {
    read = d.length;
    child.stdout.destroy(); // the reader stops reading
    r();
  }));
  expect(await exited).toBe(0);
  expect(err).toBe('');
  expect(read).toBeGreaterThan(0);
}, 120_000);
