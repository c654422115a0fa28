/**
 * Which files are inputs, so that no writer ever replaces one: inputs read in this process, and
 * `sameFile` (same real path, or the same device and inode: through symlinks and hard links).
 */
import { promises as fs } from 'fs';
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

/** Remembers a file as an input of this run. */
export async function noteInput(file: string): Promise<void> {
  inputs.add(await realPath(file));
}

/** True when the file (through links too) is an input of this run. */
export async function isInput(file: string): Promise<boolean> {
  for (const input of inputs) if (await sameFile(file, input)) return true;
  return false;
}
