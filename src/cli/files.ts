/**
 * Which files are inputs, so that no writer ever replaces one: inputs read in this process, and
 * `sameFile` (same real path, or the same device and inode: through symlinks and hard links).
 */
import { promises as fs } from 'fs';
import type { Stats } from 'fs';
import * as path from 'path';

/** Inputs read in this process (real paths). */
const inputs = new Set<string>();

export async function realPath(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    // Not there (yet): its folder's real path, so a link to the folder still compares equal.
    try {
      return path.join(await fs.realpath(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/** True when both names reach one file: the same real path, or the same device and inode. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if ((await realPath(a)) === (await realPath(b))) return true;
  try {
    const [x, y] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false; // one of them does not exist: they cannot be one file
  }
}

/** `--out` never names the input, through links too: checked before anything is read or written. */
export async function checkNotInput(out: string, file: string, shown: (s: string) => string): Promise<void> {
  if (await sameFile(out, file)) {
    throw new Error(`${shown(out)} is the input workbook (${shown(file)}); write the results to another file`);
  }
}

/** Remembers a file as an input of this run. */
export async function noteInput(file: string): Promise<void> {
  inputs.add(await realPath(file));
}

/** True when the file (through links too) is an input of this run. */
export async function isInput(file: string): Promise<boolean> {
  for (const input of inputs) if (await sameFile(file, input)) return true;
  return false;
}

/** What a file that is not a regular file is, in plain words; null for a regular file. */
export function notAFile(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** What a command writes with `--out`: the extensions its file may have, and what it is called. */
export interface OutKind {
  extensions: string[];
  what: string;
}

export const XLSX_OUT: OutKind = { extensions: ['.xlsx'], what: 'an .xlsx workbook' };
/** The committee pack: HTML, or PDF with --pdf (which of the two the name must say is checked by the report). */
export const PACK_OUT: OutKind = { extensions: ['.html', '.htm', '.pdf'], what: 'an HTML page (or a PDF with --pdf)' };

/**
 * Checks an `--out` target before anything is read or written: its extension matches what is
 * written (`--out r.csv` for a workbook is refused); it is not a folder, device, FIFO or socket
 * (through a symlink too); its folder exists. Messages use the user's own words (`shown`).
 */
export async function checkOut(
  out: string, kind: OutKind, shown: (s: string) => string, label = '--out',
): Promise<void> {
  const name = `${label} ${shown(out)}`;
  let stat: Stats | undefined;
  try {
    stat = await fs.stat(out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new Error(`${name}: too many symbolic links`);
    if (code === 'ENOTDIR') throw new Error(`${name}: a folder in its path is a file`);
  }
  if (stat) {
    if (stat.isDirectory()) {
      throw new Error(`${name} is a folder; give a file name, such as `
        + `${shown(path.join(out, `results${kind.extensions[0]}`))}`);
    }
    const what = notAFile(stat);
    if (what) {
      throw new Error(`${name} is ${what}, not a file; it is never replaced (give a file name)`);
    }
  }
  const ext = path.extname(out).toLowerCase();
  if (!kind.extensions.includes(ext)) {
    const base = ext ? out.slice(0, -ext.length) : out;
    const named = ext ? `ends in ${ext}` : 'has no extension';
    throw new Error(`${name} ${named}, but what is written is ${kind.what}; `
      + `name it ${shown(base + kind.extensions[0])}`);
  }
  const dir = path.dirname(out);
  try {
    if (!(await fs.stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new Error(`${name}: the folder ${shown(dir)} does not exist`);
  }
}

/**
 * An error of writing `--out` said in the user's words: a system error (which names the temporary
 * file written beside the target) becomes "cannot write OUT: reason"; others are kept.
 */
export function writeError(e: unknown, out: string, shown: (s: string) => string): Error {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !err.syscall) return e instanceof Error ? e : new Error(String(e));
  const reasons: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ENOSPC: 'the disk is full',
    EROFS: 'the disk is read-only', ENOENT: 'its folder does not exist', EDQUOT: 'the disk quota is used up',
  };
  return new Error(`cannot write ${shown(out)}: ${reasons[err.code] ?? err.code}`);
}
