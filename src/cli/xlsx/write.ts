/**
 * An .xlsx package written as a stream (ECMA-376 Part 1, SpreadsheetML): each worksheet's XML is
 * made a batch of rows at a time and deflated into the zip (archiver) as it is read, so no
 * whole-workbook object is built and memory holds only the cells given plus the shared strings.
 * Excel tables, number formats, bold headers, frozen rows, column widths and formats, and list
 * validations are written as Excel writes them; styles.xml and sharedStrings.xml are made last,
 * from what the sheets used.
 */
import { createWriteStream } from 'fs';
import { Readable } from 'stream';
import archiver from 'archiver';
import type { CellValue } from '../../engine/types';
import { columnLetters } from '../../workbook/a1';

/** The font of a cell: the workbook's default, bold, or a bold title. */
export type Font = 'normal' | 'bold' | 'title';

/** One row of a sheet: its cells from column `left`, their formats and font. */
export interface XRow {
  values: readonly CellValue[];
  /** One per cell (null = General); a cell with a format is written even when blank. */
  formats?: readonly (string | null)[];
  font?: Font;
}

/** A drop-down list on a range: `strict` stops another value; otherwise Excel warns and lets it stand. */
export interface Validation {
  range: string;
  list: readonly string[];
  strict: boolean;
  title: string;
  error: string;
}

export interface XSheet {
  name: string;
  /** Rows from `top` (1-based, default 1) down; a null row is left empty. Called once per row, in order. */
  rowCount: number;
  row(index: number): XRow | null;
  /** Columns from `left` that the rows reach (the used range's width). */
  width: number;
  top?: number;
  left?: number;
  /** Excel tables: A1 range (header row first) and the header texts, as in the header cells. */
  tables?: ReadonlyArray<{ name: string; range: string; columns: readonly string[] }>;
  freezeRows?: number;
  /** Per column from A: width in characters and the format new cells take (null = none). */
  columns?: ReadonlyArray<{ width?: number; format?: string | null }>;
  validations?: ReadonlyArray<Validation>;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** XML text: the five markup characters escaped. */
function esc(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;') : s;
}

/** A character XML 1.0 cannot hold: a control character but tab and line feed, U+FFFE/U+FFFF, half a pair. */
const NOT_XML = new RegExp('[\\u0000-\\u0008\\u000b-\\u001f\\ufffe\\uffff]'
  + '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]', 'g');

/**
 * A cell's text as Excel stores it (ST_Xstring): a character XML cannot hold (a control character,
 * a carriage return, U+FFFE/U+FFFF, half a surrogate pair) as `_xHHHH_`, and a typed `_xHHHH_` with
 * its underscore escaped (`_x005F_`), so the reader gives back exactly the text written.
 */
export function xstring(s: string): string {
  const t = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff\ud800-\udfff]|_x[0-9a-fA-F]{4}_/.test(s) ? s
    .replace(/_(?=x[0-9a-fA-F]{4}_)/g, '_x005F_')
    .replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    : s;
  return esc(t);
}

/** Number formats Excel knows by id (ECMA-376 Part 1, 18.8.30); others get ids from 164. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };
const FONT_ID: Record<Font, number> = { normal: 0, bold: 1, title: 2 };

/** The cell formats (xfs) the sheets use, by number format and font; index 0 is the default. */
class Styles {
  private xfs = new Map<string, number>([['General\u0000normal', 0]]);
  private list: Array<{ fmt: number; font: number }> = [{ fmt: 0, font: 0 }];
  private custom = new Map<string, number>();

  id(format: string | null | undefined, font: Font = 'normal'): number {
    const f = format ?? 'General';
    const key = `${f}\u0000${font}`;
    let id = this.xfs.get(key);
    if (id === undefined) {
      let fmt = BUILTIN_FORMATS[f];
      if (fmt === undefined) {
        fmt = this.custom.get(f) ?? 164 + this.custom.size;
        this.custom.set(f, fmt);
      }
      id = this.list.length;
      this.list.push({ fmt, font: FONT_ID[font] });
      this.xfs.set(key, id);
    }
    return id;
  }

  xml(): string {
    const fmts = [...this.custom].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    const font = (extra: string, size: number) =>
      `<font>${extra}<sz val="${size}"/><color theme="1"/><name val="Calibri"/><family val="2"/>`
      + '<scheme val="minor"/></font>';
    const xfs = this.list.map(({ fmt, font: f }) => `<xf numFmtId="${fmt}" fontId="${f}" fillId="0" borderId="0" `
      + `xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${f ? ' applyFont="1"' : ''}/>`);
    return `${HEAD}<styleSheet xmlns="${MAIN}">`
      + (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join('')}</numFmts>` : '')
      + `<fonts count="3">${font('', 11)}${font('<b/>', 11)}${font('<b/>', 14)}</fonts>`
      + '<fills count="2"><fill><patternFill patternType="none"/></fill>'
      + '<fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + '<dxfs count="0"/>'
      + '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
      + '</styleSheet>';
  }
}

/** The shared strings table: each text once, by first use. */
class Strings {
  private ids = new Map<string, number>();
  count = 0;

  id(s: string): number {
    this.count++;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(s, id);
    }
    return id;
  }

  *xml(): Generator<string> {
    yield `${HEAD}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${this.ids.size}">`;
    let batch = '';
    for (const s of this.ids.keys()) {
      const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
      batch += `<si><t${space}>${xstring(s)}</t></si>`;
      if (batch.length > 65536) {
        yield batch;
        batch = '';
      }
    }
    yield `${batch}</sst>`;
  }
}


/** The rows of one worksheet as XML, a batch at a time. */
function* sheetXml(sheet: XSheet, styles: Styles, strings: Strings, tableIds: number[]): Generator<string> {
  const top = sheet.top ?? 1;
  const left = sheet.left ?? 1;
  const letters: string[] = [];
  const letter = (c: number) => letters[c] ?? (letters[c] = columnLetters(c));
  const width = Math.max(sheet.width, 1);
  const bottom = Math.max(top + sheet.rowCount - 1, top);
  let out = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`
    + `<dimension ref="${letter(left)}${top}:${letter(left + width - 1)}${bottom}"/>`;
  const freeze = sheet.freezeRows ?? 0;
  out += '<sheetViews><sheetView workbookViewId="0">' + (freeze > 0
    ? `<pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/>`
      + `<selection pane="bottomLeft" activeCell="A${freeze + 1}" sqref="A${freeze + 1}"/>`
    : '') + '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
  const cols = (sheet.columns ?? []).map((c, i) => {
    if (c.width === undefined && !c.format) return '';
    const style = c.format ? ` style="${styles.id(c.format)}"` : '';
    const w = c.width === undefined ? 8.43 : c.width;
    const custom = c.width === undefined ? '' : ' customWidth="1"';
    return `<col min="${i + 1}" max="${i + 1}" width="${w}"${custom}${style}/>`;
  }).join('');
  if (cols) out += `<cols>${cols}</cols>`;
  out += '<sheetData>';
  for (let r = 0; r < sheet.rowCount; r++) {
    const row = sheet.row(r);
    if (!row) continue;
    const n = top + r;
    let cells = '';
    const { values, formats, font = 'normal' } = row;
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      const f = formats?.[c] ?? null;
      const blank = v === null || v === undefined || v === '';
      if (blank && f === null && font === 'normal') continue;
      const s = f === null && font === 'normal' ? 0 : styles.id(f, font);
      const ref = `${letter(left + c)}${n}`;
      const sa = s ? ` s="${s}"` : '';
      if (blank) cells += `<c r="${ref}"${sa}/>`;
      // A number as the shortest text that reads back as the same double; one Excel cannot hold
      // (NaN, an infinity) as the error Excel shows for it, never a figure it is not.
      else if (typeof v === 'number') {
        cells += Number.isFinite(v) ? `<c r="${ref}"${sa}><v>${v}</v></c>`
          : `<c r="${ref}"${sa} t="e"><v>#NUM!</v></c>`;
      }
      else if (typeof v === 'boolean') cells += `<c r="${ref}"${sa} t="b"><v>${v ? 1 : 0}</v></c>`;
      else cells += `<c r="${ref}"${sa} t="s"><v>${strings.id(String(v))}</v></c>`;
    }
    if (cells) out += `<row r="${n}">${cells}</row>`;
    if (out.length > 65536) {
      yield out;
      out = '';
    }
  }
  out += '</sheetData>';
  const dv = sheet.validations ?? [];
  if (dv.length) {
    out += `<dataValidations count="${dv.length}">${dv.map((d) => '<dataValidation type="list" '
      + `${d.strict ? '' : 'errorStyle="warning" '}allowBlank="1" showErrorMessage="1" `
      + `errorTitle="${xstring(d.title)}" error="${xstring(d.error)}" sqref="${d.range}">`
      + `<formula1>${esc(`"${d.list.join(',')}"`)}</formula1></dataValidation>`).join('')}</dataValidations>`;
  }
  out += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (tableIds.length) {
    const parts = tableIds.map((_, i) => `<tablePart r:id="rId${i + 1}"/>`).join('');
    out += `<tableParts count="${tableIds.length}">${parts}</tableParts>`;
  }
  yield `${out}</worksheet>`;
}

/** An Excel table's part: its range, filter buttons, columns by header and the banded style. */
function tableXml(id: number, t: { name: string; range: string; columns: readonly string[] }): string {
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xstring(c)}"/>`).join('');
  return `${HEAD}<table xmlns="${MAIN}" id="${id}" name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${t.range}" `
    + `totalsRowShown="0"><autoFilter ref="${t.range}"/>`
    + `<tableColumns count="${t.columns.length}">${cols}</tableColumns>`
    + '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" '
    + 'showColumnStripes="0"/></table>';
}

function relationships(rels: Array<[type: string, target: string]>): string {
  return `${HEAD}<Relationships xmlns="${PKG_REL}">${rels.map(([type, target], i) =>
    `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;
}

/** A part made only when the zip reaches it (after the sheets before it have been written). */
function later(make: () => Iterable<string>): Readable {
  return Readable.from((function* () {
    for (const s of make()) yield Buffer.from(s, 'utf8');
  })(), { objectMode: false });
}

/**
 * Writes the sheets as an .xlsx file at `file`: the worksheets stream into the zip one after the
 * other, then the styles and shared strings they used. Resolves once the file is closed.
 */
export async function writeXlsx(file: string, sheets: readonly XSheet[], creator = 'Poolshare'): Promise<void> {
  const styles = new Styles();
  const strings = new Strings();
  const zip = archiver('zip', { zlib: { level: 6 } });
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => {
      zip.abort();
      out.destroy();
      reject(e);
    };
    out.on('close', resolve);
    out.on('error', fail);
    zip.on('error', fail);
    zip.on('warning', fail);
  });
  zip.pipe(out);
  let tableId = 0;
  const tableIds = sheets.map((s) => (s.tables ?? []).map(() => ++tableId));
  const sheetPart = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;
  const types = [
    ['/xl/workbook.xml', `${CT}.sheet.main+xml`],
    ...sheets.map((_, i) => [`/${sheetPart(i)}`, `${CT}.worksheet+xml`]),
    ...Array.from({ length: tableId }, (_, i) => [`/xl/tables/table${i + 1}.xml`, `${CT}.table+xml`]),
    ['/xl/styles.xml', `${CT}.styles+xml`],
    ['/xl/sharedStrings.xml', `${CT}.sharedStrings+xml`],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
  ];
  zip.append(`${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + types.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('')
    + '</Types>', { name: '[Content_Types].xml' });
  zip.append(relationships([[`${REL}/officeDocument`, 'xl/workbook.xml'],
    [`${PKG_REL}/metadata/core-properties`, 'docProps/core.xml']]), { name: '_rels/.rels' });
  zip.append(`${HEAD}<cp:coreProperties `
    + 'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    + `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${esc(creator)}</dc:creator>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created>`
    + '</cp:coreProperties>', { name: 'docProps/core.xml' });
  zip.append(`${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews>`
    + `<sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}`
    + '</sheets></workbook>', { name: 'xl/workbook.xml' });
  zip.append(relationships([
    ...sheets.map((_, i): [string, string] => [`${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
    [`${REL}/styles`, 'styles.xml'], [`${REL}/sharedStrings`, 'sharedStrings.xml'],
  ]), { name: 'xl/_rels/workbook.xml.rels' });
  sheets.forEach((sheet, i) => {
    zip.append(later(() => sheetXml(sheet, styles, strings, tableIds[i])), { name: sheetPart(i) });
    if (tableIds[i].length) {
      zip.append(relationships(tableIds[i].map((id) => [`${REL}/table`, `../tables/table${id}.xml`])),
        { name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels` });
    }
    (sheet.tables ?? []).forEach((t, k) => {
      zip.append(tableXml(tableIds[i][k], t), { name: `xl/tables/table${tableIds[i][k]}.xml` });
    });
  });
  zip.append(later(() => [styles.xml()]), { name: 'xl/styles.xml' });
  zip.append(later(() => strings.xml()), { name: 'xl/sharedStrings.xml' });
  zip.finalize().catch(() => undefined); // a failure arrives through 'error' above
  await done;
}
