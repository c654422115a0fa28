/**
 * An .xlsx file checked before anything is inflated into memory (Node only). What the file is
 * (an .xlsx, a password-protected workbook, an Excel 97-2003 .xls, or not a workbook at all), and
 * whether its zip stays within the limits (LIMITS): the central directory's uncompressed sizes and
 * compression ratios first, then each part inflated as a stream and counted (a part that inflates
 * past its declared size is refused), then mergeCell areas. Relationship targets written as
 * absolute paths (openpyxl: Target="/xl/tables/table1.xml") are made relative so exceljs can follow
 * them. Every refusal is one plain line: `throw new Error(line)`.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as yauzl from 'yauzl';
import { deflateRawSync } from 'zlib';

/** The reader's limits (Excel's own for rows, columns and cell text). */
export const LIMITS = {
  /** Rows of a sheet (Excel's last row). */
  rows: 1_048_576,
  /** Columns of a sheet (XFD). */
  columns: 16_384,
  /** Characters in one cell. */
  cellText: 32_767,
  /** Uncompressed bytes of one part (a sheet, the shared strings): a 1,048,576-row, 6-column sheet is ~263 MB. */
  partBytes: 320 * 1024 * 1024,
  /** Uncompressed bytes of all parts together. */
  totalBytes: 400 * 1024 * 1024,
  /** Uncompressed : compressed, for parts over ratioFloorBytes (real sheets are 5-30; zip bombs 1,000). */
  ratio: 100,
  ratioFloorBytes: 1024 * 1024,
  /** Cells covered by merged areas on one sheet (exceljs visits each one). */
  mergedCells: 1_048_576,
} as const;

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
const count = (n: number) => n.toLocaleString('en-GB');

/** One part of a zip to write: deflated from `data`, or copied as it was (`raw`, already compressed). */
export type ZipPart =
  | { name: string; data: string | Buffer; store?: boolean; declaredSize?: number }
  | { name: string; raw: Buffer; method: number; crc: number; size: number };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A zip of `parts`, in order (no zip64: parts under 4 GB). `declaredSize` lies about a part's
 * uncompressed size, for tests of zip bombs.
 */
export function zip(parts: ZipPart[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    let body: Buffer;
    let method: number;
    let crc: number;
    let size: number;
    if ('raw' in p) ({ raw: body, method, crc, size } = p);
    else {
      const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
      body = p.store ? data : deflateRawSync(data);
      method = p.store ? 0 : 8;
      crc = crc32(data);
      size = p.declaredSize ?? data.length;
    }
    const name = Buffer.from(p.name, 'utf8');
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at); // version needed
      h.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      h.writeUInt16LE(method, at + 4);
      h.writeUInt32LE(0x00210000, at + 6); // 1980-01-01 00:00
      h.writeUInt32LE(crc, at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // version made by
    fields(dir, 6);
    dir.writeUInt32LE(offset, 42);
    out.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}

/** What a file that is not a zip is, as one line. */
function notZip(file: string, buf: Buffer): string {
  if (buf.subarray(0, 8).equals(OLE)) {
    // An OLE compound file: Office keeps an encrypted .xlsx in an EncryptedPackage stream.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      return `${file} is password-protected: save it without a password (File > Info > Protect Workbook), `
        + 'then run again.';
    }
    return `${file} is an Excel 97-2003 .xls: save it as .xlsx (File > Save As > Excel Workbook), then run again.`;
  }
  return `${file} is not an Excel workbook (.xlsx): open it in Excel and save it as .xlsx, then run again.`;
}

/** A relationship part's absolute targets ("/xl/tables/table1.xml") made relative to the part's folder. */
function relativeTargets(relsName: string, xml: string): string {
  // xl/worksheets/_rels/sheet1.xml.rels describes xl/worksheets/sheet1.xml: targets are relative to xl/worksheets.
  const base = path.posix.dirname(path.posix.dirname(relsName));
  return xml.replace(/(\bTarget=")\/([^"]*)"/g, (_, pre: string, target: string) => {
    const rel = path.posix.relative(base === '.' ? '' : base, target);
    return `${pre}${rel}"`;
  });
}

interface Part {
  entry: yauzl.Entry;
  /** The inflated text, kept for the parts to rewrite: relationship parts, and those with a prefixed main namespace. */
  text?: string;
  /** The prefix of SpreadsheetML's main namespace in this part (`x` in <x:worksheet>), to take off. */
  prefix?: string;
}

const MAIN_NS = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/;

/**
 * Inflates one part as a stream, counting (and scanning) it; a part larger than it declared is refused
 * by yauzl. Keeps the text of relationship parts and of parts whose main namespace has a prefix.
 */
async function inflate(zf: yauzl.ZipFile, part: Part, scan?: (chunk: string) => void): Promise<void> {
  const stream = await zf.openReadStreamPromise(part.entry);
  const kept: Buffer[] = [];
  let keep = part.entry.fileName.endsWith('.rels');
  let tail = '';
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = tail + chunk.toString('latin1');
    if (first && part.entry.fileName.endsWith('.xml')) {
      part.prefix = MAIN_NS.exec(text.slice(0, 4096))?.[1];
      keep ||= part.prefix !== undefined;
    }
    first = false;
    if (keep) kept.push(chunk);
    // Overlap the chunks so that a tag cut in two is still seen whole.
    scan?.(text);
    tail = text.slice(-64);
  }
  if (keep) part.text = Buffer.concat(kept).toString('utf8');
}

/** A part's XML with the main namespace's prefix taken off (exceljs reads unprefixed SpreadsheetML only). */
function unprefixed(xml: string, prefix: string): string {
  return xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1').replace(`xmlns:${prefix}=`, 'xmlns=');
}

/** Merged areas on a sheet part, counted from its mergeCell tags (with any namespace prefix). */
function mergeCounter(file: string, name: string): (text: string) => void {
  const seen = new Set<string>();
  let total = 0;
  const cell = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;
  const colOf = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return (text) => {
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s[^>]*?ref="([^"]*)"/g)) {
      if (seen.has(m[1]) || m.index === undefined) continue;
      seen.add(m[1]);
      const [a, b = a] = m[1].split(':');
      const p = cell.exec(a);
      const q = cell.exec(b);
      const area = p && q
        ? (Math.abs(Number(q[2]) - Number(p[2])) + 1) * (Math.abs(colOf(q[1]) - colOf(p[1])) + 1)
        : Number.POSITIVE_INFINITY;
      total += area;
      if (total > LIMITS.mergedCells) {
        throw new Error(`${file}: ${name} merges more than ${count(LIMITS.mergedCells)} cells `
          + `(${m[1]}); unmerge them, then run again.`);
      }
    }
  };
}

/**
 * The file's bytes, ready for exceljs, once it is known to be an .xlsx within the limits; otherwise
 * an Error whose message is one plain line naming the file and the problem.
 */
export async function checkedXlsx(file: string): Promise<Buffer> {
  let buf: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new Error(`${file} is a folder, not a workbook.`);
    if (stat.size > LIMITS.totalBytes) {
      throw new Error(`${file} is ${mb(stat.size)}: more than the ${mb(LIMITS.totalBytes)} a workbook may hold here.`);
    }
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new Error(notZip(file, buf));
  let zf: yauzl.ZipFile;
  try {
    zf = await yauzl.fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw new Error(`${file} is damaged: its zip structure cannot be read; open it in Excel and save it again.`);
  }
  const parts: Part[] = [];
  let total = 0;
  try {
    for await (const entry of zf.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const size = entry.uncompressedSize;
      const name = entry.fileName;
      if (entry.isEncrypted()) {
        throw new Error(`${file} is password-protected: save it without a password, then run again.`);
      }
      if (size > LIMITS.partBytes) {
        throw new Error(`${file}: the part ${name} would inflate to ${mb(size)}, `
          + `more than the ${mb(LIMITS.partBytes)} limit.`);
      }
      total += size;
      if (total > LIMITS.totalBytes) {
        throw new Error(`${file} would inflate to more than ${mb(LIMITS.totalBytes)}, the limit for a workbook.`);
      }
      parts.push({ entry });
    }
    for (const { entry } of parts) {
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > LIMITS.ratioFloorBytes && ratio > LIMITS.ratio) {
        throw new Error(`${file}: the part ${entry.fileName} is compressed ${count(Math.round(ratio))} to 1 `
          + `(more than ${LIMITS.ratio} to 1): refused as a possible zip bomb.`);
      }
    }
  } catch (e) {
    zf.close();
    if ((e as Error).message.startsWith(file) || (e as Error).message.startsWith('cannot')) throw e;
    throw new Error(`${file} is damaged: its zip structure cannot be read; open it in Excel and save it again.`);
  }
  const names = new Set(parts.map((p) => p.entry.fileName.replace(/^\//, '')));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    zf.close();
    throw new Error(`${file} is not an Excel workbook (.xlsx): it has no workbook part; `
      + 'open it in Excel and save it as .xlsx.');
  }
  // Inflate each part as a stream: nothing is kept but the relationship parts.
  try {
    for (const part of parts) {
      const name = part.entry.fileName;
      const sheet = /^\/?xl\/worksheets\/[^/]+\.xml$/.test(name);
      await inflate(zf, part, sheet ? mergeCounter(file, name) : undefined);
    }
  } catch (e) {
    const message = (e as Error).message;
    if (message.startsWith(file)) throw e;
    throw new Error(/too many bytes|size/i.test(message)
      ? `${file}: a part inflates past the size its zip declares: refused as damaged or a zip bomb.`
      : `${file} is damaged: a part cannot be inflated; open it in Excel and save it again.`);
  } finally {
    zf.close();
  }
  const rewrite = parts.some((p) => p.prefix !== undefined || (p.text !== undefined && /\bTarget="\//.test(p.text)));
  if (!rewrite) return buf;
  return repack(buf, parts);
}

/**
 * The zip again, each part copied as it was except relationship parts, whose targets are made
 * relative, and parts whose main namespace has a prefix, which is taken off.
 */
async function repack(buf: Buffer, parts: Part[]): Promise<Buffer> {
  const zf = await yauzl.fromBufferPromise(buf, { lazyEntries: true });
  try {
    const out: ZipPart[] = [];
    for (const { entry, text, prefix } of parts) {
      if (text !== undefined) {
        const xml = prefix === undefined ? text : unprefixed(text, prefix);
        const data = entry.fileName.endsWith('.rels') ? relativeTargets(entry.fileName, xml) : xml;
        out.push({ name: entry.fileName, data });
        continue;
      }
      const decompress = entry.compressionMethod === 8 ? false : null;
      const stream = await zf.openReadStreamPromise(entry, { decompress });
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      out.push({ name: entry.fileName, raw: Buffer.concat(chunks), method: entry.compressionMethod, crc: entry.crc32,
        size: entry.uncompressedSize });
    }
    return zip(out);
  } finally {
    zf.close();
  }
}
