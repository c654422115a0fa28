/**
 * Hand-made .xlsx files for tests and fixtures (with the reader's zip writer): a workbook exactly as a
 * given producer writes it, or a hostile one (a size declared in the central directory that the data does
 * not have), without storing large files.
 */
import { zip, type ZipPart } from '../../src/cli/xlsx-zip';
import { columnLetters } from '../../src/workbook/a1';

export { zip, type ZipPart };

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** XML text escaped for an element or attribute. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cell XML: numbers as numbers, text inline (`t="inlineStr"`), as Google Sheets-like producers do. */
export function cellXml(ref: string, v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
}

export interface HandSheet {
  name: string;
  /** `sheetData` inner XML (rows), or rows of values from A1. */
  rows: string | Array<Array<string | number | boolean | null>>;
  state?: 'hidden' | 'veryHidden';
  /** Extra XML after sheetData (e.g. mergeCells). */
  after?: string;
}

/** Rows of values as sheetData XML from A1 (blank cells left out). */
export function rowsXml(rows: Array<Array<string | number | boolean | null>>): string {
  return rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(`${columnLetters(c + 1)}${r + 1}`, v)).join('')}</row>`).join('');
}

/**
 * The parts of a minimal .xlsx with these sheets (no styles, no shared strings, no tables, no dimension):
 * what Google Sheets' and Numbers' downloads reduce to. `prefix` writes the main namespace with a prefix
 * (e.g. "x"), as some producers do. Extra parts (and overrides) can be appended by the caller.
 */
export function xlsxParts(sheets: HandSheet[], prefix = ''): ZipPart[] {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + '<Default Extension="xml" ContentType="application/xml"/>'
        + '<Override PartName="/xl/workbook.xml" '
        + 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" `
          + 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>').join('')
        + '</Types>',
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">`
        + `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets>`
        + sheets.map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"`
          + `${s.state ? ` state="${s.state}"` : ''}/>`).join('')
        + `</${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">`
        + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
        + '</Relationships>',
    },
  ];
  sheets.forEach((s, i) => {
    const rows = typeof s.rows === 'string' ? s.rows : rowsXml(s.rows);
    const body = prefix ? rows.replace(/<(\/?)(row|c|v|is|t)\b/g, `<$1${p}$2`) : rows;
    parts.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData>`
        + `${s.after ?? ''}</${p}worksheet>`,
    });
  });
  return parts;
}

/** A minimal .xlsx file's bytes. */
export const handXlsx = (sheets: HandSheet[], prefix = ''): Buffer => zip(xlsxParts(sheets, prefix));

/** The text of one part of a zip (read with yauzl), or undefined when it has none by that name. */
export async function partText(buf: Buffer, name: string): Promise<string | undefined> {
  const yauzl = await import('yauzl');
  const zf = await yauzl.fromBufferPromise(buf, { lazyEntries: true });
  try {
    for await (const entry of zf.eachEntry()) {
      if (entry.fileName !== name) continue;
      const chunks: Buffer[] = [];
      for await (const c of (await zf.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks).toString('utf8');
    }
    return undefined;
  } finally {
    zf.close();
  }
}
