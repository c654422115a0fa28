/**
 * The small parts of an .xlsx, each parsed as a stream: relationships (targets resolved against the
 * part's folder, absolute targets from the package root, a target outside the package refused),
 * workbook.xml (sheets in tab order with their visibility, and the 1904 date system), styles.xml
 * (which cell formats show dates) and the shared strings (rich text joined, phonetic runs left out).
 */
import * as path from 'path';
import type { XlsxPackage } from '../xlsx-zip';
import { parsePart, prefixed } from './xml';

/** Text as the user typed it: Excel stores a character XML cannot hold as `_xHHHH_` (ECMA-376 ST_Xstring). */
export function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels. */
const relsOf = (part: string) =>
  path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);

/** A part's relationships, Id -> { type (last path segment), target part name }. */
export type Relationships = Map<string, { type: string; target: string }>;

/** A part's relationships (none when it has no relationships part). */
export async function relationships(pkg: XlsxPackage, part: string): Promise<Relationships> {
  const out: Relationships = new Map();
  const rels = relsOf(part);
  if (!pkg.has(rels)) return out;
  const folder = path.posix.dirname(part);
  await parsePart(pkg, rels, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Id || a.Target === undefined) return;
      let target: string;
      try {
        target = decodeURIComponent(a.Target);
      } catch {
        target = a.Target;
      }
      const resolved = target.startsWith('/') ? path.posix.normalize(target.slice(1))
        : path.posix.normalize(path.posix.join(folder === '.' ? '' : folder, target));
      if (resolved.startsWith('../') || resolved === '..' || path.posix.isAbsolute(resolved)) {
        throw new Error(`${pkg.file} is damaged: a relationship of ${part} points outside the workbook (${a.Target}); `
          + 'open it in Excel and save it again.');
      }
      out.set(a.Id, { type: a.Type?.split('/').pop() ?? '', target: resolved });
    },
  });
  return out;
}

export interface SheetEntry {
  name: string;
  part: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
}

/**
 * The workbook's worksheets in tab order (chart sheets and dialog sheets left out), its date system,
 * and its relationships (where its shared strings and styles are).
 */
export async function workbook(pkg: XlsxPackage):
  Promise<{ sheets: SheetEntry[]; date1904: boolean; rels: Relationships }> {
  const rels = await relationships(pkg, 'xl/workbook.xml');
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  await parsePart(pkg, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = rels.get(prefixed(a, 'id') ?? '');
      if (!rel || rel.type !== 'worksheet') return;
      const visibility = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
      sheets.push({ name: a.name ?? '', part: rel.target, visibility });
    },
  });
  return { sheets, date1904, rels };
}

/** Excel's built-in number formats that show dates or times (ids 14-22, 45-47). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a number format shows a date or time: y, m, d, h, s or b outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell format (the `s` of a cell), whether its number shows as a date. */
export async function dateStyles(pkg: XlsxPackage, part = 'xl/styles.xml'): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  if (!pkg.has(part)) return [];
  let inCellXfs = false;
  await parsePart(pkg, part, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) {
        formats.set(Number(a.numFmtId), (a.formatCode ?? '').replace(/\\(.)/g, '$1'));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id);
  });
}

/** The shared strings: each item's text runs joined (phonetic runs left out), `_xHHHH_` read. */
export async function sharedStrings(pkg: XlsxPackage, part: string | undefined): Promise<string[]> {
  const out: string[] = [];
  if (part === undefined || !pkg.has(part)) return out;
  let text: string[] = [];
  let inT = false;
  let phonetic = 0;
  await parsePart(pkg, part, {
    open(name) {
      if (name === 't') inT = phonetic === 0;
      else if (name === 'si') text = [];
      else if (name === 'rPh') phonetic++;
    },
    text(t) {
      if (inT) text.push(t);
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') out.push(unescapeXstring(text.join('')));
    },
  });
  return out;
}
