/**
 * Files the command line has read in this process, so that no writer ever replaces an input.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

/** Inputs read in this process (real paths). */
const inputs = new Set<string>();

export async function realPath(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** Remembers a file as an input of this run. */
export async function noteInput(file: string): Promise<void> {
  inputs.add(await realPath(file));
}

/** True when the file (through links too) is an input of this run. */
export async function isInput(file: string): Promise<boolean> {
  return inputs.has(await realPath(file));
}
