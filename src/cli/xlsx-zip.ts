/**
 * An .xlsx file checked before anything is inflated into memory (Node only). What the file is
 * (an .xlsx, a password-protected workbook, an Excel 97-2003 .xls, or not a workbook at all), and
 * whether its zip stays within the limits (LIMITS): the number of parts, two parts of one name
 * refused, the central directory's uncompressed sizes and compression ratios, all before anything
 * is inflated. Then openXlsx hands out the parts one at a time, each inflated as a stream and
 * decoded as strict UTF-8 (a part that inflates past its declared size, or is not UTF-8, is
 * refused); what the parts say (rows, cells, merges, tables) is counted by the code that parses
 * them (src/cli/xlsx/). Every refusal is one plain line: `throw new Error(line)`. Also the small zip
 * writer the tests and the results writer use.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as yauzl from 'yauzl';
import { pipeline } from 'stream';
import { createInflateRaw, deflateRawSync } from 'zlib';

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
  /** Cells covered by merged areas on one sheet (each covered cell that exists is visited once). */
  mergedCells: 1_048_576,
  /** Parts in the zip. */
  parts: 20_000,
  /** Excel tables in the workbook. */
  tables: 10_000,
  /** Cells holding something, in the whole workbook (1M rows of 12 columns). */
  cells: 12_000_000,
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

/** An .xlsx package, checked: its parts by name, each inflated on demand as strict UTF-8 text. */
export interface XlsxPackage {
  file: string;
  /** Whether the package holds a part of this name (no leading slash; case ignored, as OPC does). */
  has(name: string): boolean;
  /** The part's text, chunk by chunk, as it inflates (UTF-8 checked); a refusal is one plain line. */
  text(name: string): AsyncGenerator<string>;
  close(): void;
}

const damagedZip = (file: string) =>
  new Error(`${file} is damaged: its zip structure cannot be read; open it in Excel and save it again.`);

/** The file's bytes, refusing folders, devices and files over the size limit. */
async function fileBytes(file: string): Promise<Buffer> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new Error(`${file} is a folder, not a workbook.`);
    if (stat.size > LIMITS.totalBytes) {
      throw new Error(`${file} is ${mb(stat.size)}: more than the ${mb(LIMITS.totalBytes)} a workbook may hold here.`);
    }
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** The zip's entries by lower-cased name, checked against the limits before anything is inflated. */
async function entries(file: string, zf: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const parts = new Map<string, yauzl.Entry>();
  let total = 0;
  for await (const entry of zf.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const size = entry.uncompressedSize;
    const name = entry.fileName;
    if (entry.isEncrypted()) {
      throw new Error(`${file} is password-protected: save it without a password, then run again.`);
    }
    if (parts.size >= LIMITS.parts) {
      throw new Error(`${file} has more than ${count(LIMITS.parts)} parts, the limit for a workbook.`);
    }
    const key = name.replace(/^\//, '').toLowerCase();
    if (parts.has(key)) {
      throw new Error(`${file} is damaged: its zip holds two parts named ${name}; open it in Excel and save it again.`);
    }
    if (size > LIMITS.partBytes) {
      throw new Error(`${file}: the part ${name} would inflate to ${mb(size)}, `
        + `more than the ${mb(LIMITS.partBytes)} limit.`);
    }
    total += size;
    if (total > LIMITS.totalBytes) {
      throw new Error(`${file} would inflate to more than ${mb(LIMITS.totalBytes)}, the limit for a workbook.`);
    }
    parts.set(key, entry);
  }
  for (const entry of parts.values()) {
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > LIMITS.ratioFloorBytes && ratio > LIMITS.ratio) {
      throw new Error(`${file}: the part ${entry.fileName} is compressed ${count(Math.round(ratio))} to 1 `
        + `(more than ${LIMITS.ratio} to 1): refused as a possible zip bomb.`);
    }
  }
  return parts;
}

/** How many bytes a part inflates into at a time: a sheet of 20 MB in about a hundred chunks, not 1,300. */
const INFLATE_CHUNK = 256 * 1024;

/**
 * A part's bytes as they inflate. A deflated part is inflated here from its raw bytes (yauzl's
 * `decodeFileData: false`), in chunks of INFLATE_CHUNK: yauzl's own inflate gives zlib's 16 KB chunks,
 * and each chunk costs the streams, the decoder and the parser a round (measured: a third of the time
 * inflating and decoding a sheet took). A stored part is its bytes as yauzl reads them; any other method
 * is yauzl's error. The caller holds the bytes to the declared size (text, in openXlsx), as yauzl's
 * validateEntrySizes did.
 */
async function partStream(zf: yauzl.ZipFile, entry: yauzl.Entry): Promise<AsyncIterable<Buffer>> {
  if (entry.compressionMethod !== 8) return await zf.openReadStreamPromise(entry) as AsyncIterable<Buffer>;
  const raw = await zf.openReadStreamPromise(entry, { decodeFileData: false });
  // An error on either stream destroys both and reaches the caller through the inflated stream.
  return pipeline(raw, createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => undefined);
}

/**
 * Opens an .xlsx once it is known to be one within the limits (checked from its central directory);
 * otherwise an Error whose message is one plain line naming the file and the problem.
 */
export async function openXlsx(file: string): Promise<XlsxPackage> {
  const buf = await fileBytes(file);
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new Error(notZip(file, buf));
  let zf: yauzl.ZipFile;
  try {
    zf = await yauzl.fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw damagedZip(file);
  }
  let parts: Map<string, yauzl.Entry>;
  try {
    parts = await entries(file, zf);
  } catch (e) {
    zf.close();
    if ((e as Error).message.startsWith(file)) throw e;
    throw damagedZip(file);
  }
  if (!parts.has('[content_types].xml') || !parts.has('xl/workbook.xml')) {
    zf.close();
    throw new Error(`${file} is not an Excel workbook (.xlsx): it has no workbook part; `
      + 'open it in Excel and save it as .xlsx.');
  }
  async function* text(name: string): AsyncGenerator<string> {
    const entry = parts.get(name.toLowerCase());
    if (!entry) {
      throw new Error(`${file} could not be read as an .xlsx workbook: the part ${name} it refers to is missing; `
        + 'open it in Excel and save it again.');
    }
    const pastSize = () => new Error(`${file}: a part inflates past the size its zip declares: refused as damaged `
      + 'or a zip bomb.');
    const cannot = () => new Error(`${file} is damaged: a part cannot be inflated; `
      + 'open it in Excel and save it again.');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let stream: AsyncIterable<Buffer>;
    try {
      stream = await partStream(zf, entry);
    } catch {
      throw cannot();
    }
    const decode = (chunk?: Buffer) => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        throw new Error(`${file} is damaged: the part ${entry.fileName} is not UTF-8 text as Excel writes it; `
          + 'open it in Excel and save it again.');
      }
    };
    const iterator = stream[Symbol.asyncIterator]();
    // The bytes inflated, held to the size the zip declares: past it the part is refused at once (the
    // stream is left and destroyed), short of it at the end it is damaged.
    let inflated = 0;
    try {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await iterator.next();
        } catch {
          throw cannot(); // zlib's or the zip's error: the size is held here, below
        }
        if (next.done) break;
        inflated += next.value.length;
        if (inflated > entry.uncompressedSize) throw pastSize();
        yield decode(next.value);
      }
    } finally {
      await iterator.return?.();
    }
    if (inflated < entry.uncompressedSize) throw cannot();
    const rest = decode();
    if (rest) yield rest;
  }
  return { file, has: (name) => parts.has(name.toLowerCase()), text, close: () => zf.close() };
}
