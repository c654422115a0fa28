/**
 * How the reader inflates a part (src/cli/xlsx-zip.ts, partStream and text): a deflated part in
 * chunks of its own size, held to the size the zip declares; a stored part as it is. A part of many
 * chunks, its text of two, three and four UTF-8 bytes cut at the chunks' ends, reads every cell; a
 * stored workbook reads as the deflated one; a part short of its declared size, or whose deflated
 * bytes are broken, is refused as damaged in one plain line.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { deflateRawSync } from 'zlib';
import { xlsxParts, zip, type HandSheet, type ZipPart } from '../workbook/zip';

type Read = Awaited<ReturnType<typeof xlsxSheets>>;

/** A hand-made .xlsx read from a file of its own (removed after): what was read, or the refusal. */
async function read(parts: ZipPart[]): Promise<{ file: string; book?: Read; refusal?: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-inflate-'));
  const file = path.join(dir, 'book.xlsx');
  try {
    await fs.writeFile(file, zip(parts));
    return await xlsxSheets(file).then((book) => ({ file, book }), (e: Error) => ({ file, refusal: e.message }));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A hand-made part's text (xlsxParts makes every part from its text). */
const textOf = (p: ZipPart) => ('data' in p ? String(p.data) : '');
const damaged = (f: string) => `${f} is damaged: a part cannot be inflated; open it in Excel and save it again.`;

/**
 * A sheet of `rows` rows: a name mostly of characters of two to four UTF-8 bytes (so that a chunk
 * can hardly end but inside one), and a number.
 */
function bigSheet(rows: number): HandSheet {
  const names = ['£é–', '東京€', '🙂😀', 'Café – €'].map((s) => s.repeat(12));
  return { name: 'Pools', rows: [['Pool', 'Reserve'], ...Array.from({ length: rows }, (_, i) => [`${names[i % 4]} ${i}`, i + 0.25])] };
}

test('a part of many chunks, with multibyte text across their ends, reads every cell', async () => {
  const sheet = bigSheet(30_000);
  const parts = xlsxParts([sheet]);
  const part = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  expect(Buffer.byteLength(textOf(part))).toBeGreaterThan(4 * 256 * 1024); // several chunks
  const values = (await read(parts)).book!.sheets[0].values;
  expect(values).toHaveLength(30_001);
  (sheet.rows as unknown[][]).forEach((row, r) => expect(values[r]).toEqual(row));
});

test('a stored workbook (no compression) reads as the deflated one', async () => {
  const parts = xlsxParts([bigSheet(2_000)]);
  const stored = await read(parts.map((p) => ({ ...p, store: true })));
  const deflated = await read(parts);
  expect(stored.book).toEqual(deflated.book);
  expect(stored.book).toBeDefined();
});

test('a part short of the size its zip declares: refused as damaged', async () => {
  const parts = xlsxParts([bigSheet(10)]).map((p) => (p.name === 'xl/worksheets/sheet1.xml'
    ? { ...p, declaredSize: Buffer.byteLength(textOf(p)) + 10 } : p));
  const { file, refusal } = await read(parts);
  expect(refusal).toBe(damaged(file));
});

test('a part whose deflated bytes are broken: refused as damaged', async () => {
  const parts: ZipPart[] = xlsxParts([bigSheet(1_000)]).map((p) => {
    if (p.name !== 'xl/worksheets/sheet1.xml') return p;
    const data = Buffer.from(textOf(p));
    const body = deflateRawSync(data);
    body[0] |= 0x06; // the first block's type 3, which deflate reserves: zlib stops with an error
    return { name: p.name, raw: body, method: 8, crc: 0, size: data.length };
  });
  const { file, refusal } = await read(parts);
  expect(refusal).toBe(damaged(file));
});
