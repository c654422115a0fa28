/**
 * Reading the command line's input: a .json file (the workbook's tables as JSON) or an .xlsx
 * workbook (by the workbook reader). Only a regular file is read: a folder, device, FIFO or socket
 * (through a symlink too) is refused before a byte is read, in the user's own words. JSON is read
 * with a byte limit as it streams (never trusting the file's size) and its numbers without loss.
 */
import { constants, promises as fs } from 'fs';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import type { WorkbookInput } from '../engine/types';
import { InputError } from '../engine/errors';
import type { HandedInput } from '../engine/run';
import { LIMITS } from './xlsx-zip';
import { shown } from './args';
import { notAFile } from './files';

/** The most bytes an input may have: the workbook reader's limit, for JSON too. */
export const INPUT_BYTES = LIMITS.totalBytes;

const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en-GB')} MB`;

/** The reason a file cannot be opened, in plain words. */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENOTDIR') return 'a folder in its path is a file';
  return code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Opens the input without blocking (a FIFO would wait for a writer) and checks, on what was
 * opened, that it is a regular file. Returns the open handle and its size.
 */
async function openInput(file: string): Promise<{ handle: fs.FileHandle; size: number }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    // A socket cannot be opened at all (ENXIO): say what it is, as for what can be opened.
    const what = await fs.stat(file).then(notAFile, () => null);
    if (what) throw new InputError(`${shown(file)} is ${what}, not a file; give a workbook (.xlsx) or its .json`);
    throw new InputError(`cannot read ${shown(file)}: ${why(e)}`);
  }
  try {
    const stat = await handle.stat();
    const what = notAFile(stat);
    if (what) throw new InputError(`${shown(file)} is ${what}, not a file; give a workbook (.xlsx) or its .json`);
    return { handle, size: stat.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The file's bytes, read in chunks and refused as soon as there are more than `limit`. */
export async function readLimited(file: string, limit = INPUT_BYTES): Promise<Buffer> {
  const { handle } = await openInput(file);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) {
        throw new InputError(`${shown(file)} is more than the ${mb(limit)} an input may hold here`);
      }
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * A JSON number literal as the engine gets it: a number when a double holds its digits (the
 * literal reads back the same), otherwise its exact decimal text (`99999999999999.99`), which the
 * engine reads exactly.
 */
export function jsonNumber(literal: string): number | string {
  return isSafeNumber(literal) ? Number(literal) : literal;
}

/** Parses JSON text with every number literal read without loss (jsonNumber). */
export function parseJsonExact(text: string): unknown {
  return parseLossless(text, null, jsonNumber);
}

/** JSON by its name; anything else goes to the workbook reader, which names what the file is (.xls, encrypted...). */
export const isJson = (f: string) => /\.json$/i.test(f);

/** Reads the input named on the command line (JSON or .xlsx) into the engine's input. */
export async function readInput(file: string): Promise<WorkbookInput> {
  if (!isJson(file)) {
    // Checked here on what is opened (a symlink to /dev/zero is a device); the reader then reads the file.
    const { handle } = await openInput(file);
    await handle.close();
    const { readXlsx } = await import('./xlsx-read'); // the reader alone: no writer, no zip writer loaded
    return (await readXlsx(file)).input;
  }
  const bytes = await readLimited(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${shown(file)} is not UTF-8 text; save it as UTF-8 JSON`);
  }
  let json: unknown;
  try {
    json = parseJsonExact(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // The parser's message gives a position; the text there is shown (visibly) so the user can find it.
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const near = at ? ` (near ${shown(text.slice(Number(at[1]), Number(at[1]) + 24))})` : '';
    throw new InputError(`${shown(file)} is not valid JSON: ${message}${near}`);
  }
  // zod comes with the JSON check, loaded here: a workbook (.xlsx) is read without it.
  const { parseInputJson } = await import('../engine/json');
  return parseInputJson(json);
}

/**
 * The input, for `runHanded`, which lets it go once the model is built. Made here, so that the
 * caller's frame never holds the input itself: a value awaited in an async function stays in its
 * frame until the function returns, and would keep every row alive through the run.
 */
export async function handedInput(file: string): Promise<HandedInput> {
  return { input: await readInput(file) };
}
