/**
 * The committee pack (issue 17 item 5): `poolshare report FILE --out PACK.html [--period P] [--pdf]`.
 * One self-contained HTML file (no script, font, image or style sheet to fetch) for A4: page 1 the
 * summary (summary.ts), then a page per pool (pools.ts), then the warnings under no pool. It lists
 * every error and warning the run gives (the year-end pack: `poolshare run`'s; a period's:
 * `poolshare monitor`'s), and the command exits with the run's status after saying so. Built in
 * time linear in the workbook (pack.ts indexes contributions once) and refused, in words, beyond
 * MAX_PACK_CHARS. Every text is escaped.
 *
 * The pack is a list of sections (SECTIONS): each takes the Pack and returns escaped HTML ('' for
 * nothing). To add one, add one line to SECTIONS; `page(heading, html)` (format.ts) starts it on
 * a new page.
 */
import { promises as fs } from 'fs';
import { resolve } from 'path';
import type { MonitorResult } from '../../engine/monitor/types';
import type { WorkbookInput } from '../../engine/types';
import { hasErrors } from '../../engine/run';
import { isInput } from '../files';
import { save } from '../xlsx-write';
import { terminalSafe } from '../summary';
import type { Io } from '../main';
import { count, esc, monthText } from './format';
import { type Pack, makePack, notRun } from './pack';
import { summaryPage } from './summary';
import { otherWarningsPage, poolPage } from './pools';
import { statementsPage } from './statements';
import { optionsPage } from './options';

export { esc } from './format';
export { trendSvg } from './chart';
export { makePack } from './pack';
export type { Pack } from './pack';

/** A section of the pack: escaped HTML from the pack's figures ('' when it has nothing to show). */
export type Section = (pack: Pack, limit: SizeLimit) => string | Promise<string>;

/** Every pool's page, in pool order (checked against the size limit pool by pool). */
async function poolPages(pack: Pack, limit: SizeLimit): Promise<string> {
  const out: string[] = [];
  let size = 0;
  for (const pool of pack.pools) {
    const html = await poolPage(pack, pool);
    size += html.length + 1;
    limit.check(size, `pool ${pool.code}`); // stops as soon as the pages outgrow the limit, not after them all
    out.push(html);
  }
  return out.join('\n');
}

/** The pack's sections, in order. */
export const SECTIONS: Section[] = [
  summaryPage,
  poolPages,
  statementsPage,
  optionsPage,
  otherWarningsPage,
];

/** The largest pack written (characters of HTML, about bytes): beyond it no committee could table it. */
export const MAX_PACK_CHARS = 32 * 1024 * 1024;

/** The pack would be too large to write: said in words, nothing written. */
export class PackTooLarge extends Error {}

/** Counts what the pack has grown to, and stops it with a plain message beyond the limit. */
export class SizeLimit {
  private used = 0;
  constructor(readonly max = MAX_PACK_CHARS) {}
  /** Adds a part of the pack. */
  take(html: string, where: string): string {
    this.check(html.length, where);
    this.used += html.length;
    return html;
  }

  /** Throws when `more` characters on top of what is taken would pass the limit. */
  check(more: number, where: string): void {
    if (this.used + more > this.max) {
      const mb = (this.max / 1048576).toFixed(this.max < 10485760 ? 1 : 0);
      throw new PackTooLarge(`the committee pack would be larger than ${mb} MB (reached at `
        + `${where}), too large to table or print; nothing was written. Report on fewer pools, lines or partners `
        + 'per workbook, or use `poolshare monitor FILE --out BOOK.xlsx` for every figure.');
    }
  }
}

const CSS = `
@page { size: A4; margin: 14mm 14mm 15mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.25; color: #111; margin: 0 auto;
  max-width: 182mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; border-bottom: 1px solid #555; margin: 0 0 6pt; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; }
p { margin: 4pt 0; } ul { margin: 4pt 0; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
p.lead { font-size: 11pt; } p.note { font-size: 8.5pt; color: #333; margin: 2pt 0 6pt; }
table { border-collapse: collapse; margin: 0 0 4pt; }
thead { display: table-header-group; } tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.5pt 5pt; text-align: left; vertical-align: top; }
td.n, th.n, table.contributions td { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 2px solid #333; }
table.summary, table.position { width: 100%; }
h2 .rag { font-size: 10pt; vertical-align: middle; margin-left: 6pt; }
table.contributions tr:last-child, table.contributions tbody tr:nth-last-child(4) { font-weight: bold; }
table.wide { font-size: 7.5pt; }
section.page { break-before: page; page-break-before: always; }
section.pool + section.pool { page-break-before: always; break-before: page; }
figure { margin: 0; }
.rag { display: inline-block; min-width: 3.5em; text-align: center; font-weight: bold; padding: 0 3pt;
  border-radius: 3pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rag.red { background: #b71c1c; color: #fff; } .rag.amber { background: #f2a900; color: #000; }
.rag.green { background: #1b5e20; color: #fff; } .rag.none { background: #ddd; color: #000; }
ul.key li { margin-bottom: 3pt; }
li.error { color: #a00; } li.warning { color: #7a4a00; } code { font-size: 8pt; }
p.failed { color: #a00; font-weight: bold; }
section.summary table { font-size: 9pt; } section.summary th, section.summary td { padding: 1pt 4pt; }
section.summary h3 { margin: 8pt 0 3pt; }
a { color: inherit; }
@media print { body { max-width: none; } a { text-decoration: none; } }
`;

/** The whole pack as one HTML string. */
export async function renderPack(pack: Pack, limit = new SizeLimit()): Promise<string> {
  const title = `Section 75 pooled budgets: ${pack.period ? `monitoring as at ${monthText(pack.period)}`
    : 'year-end forecast'}`;
  const out: string[] = [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>`,
  ];
  for (const section of SECTIONS) {
    const html = await section(pack, limit);
    if (html) out.push(limit.take(html, section.name || 'a section'));
  }
  out.push('</body></html>', '');
  return out.join('\n');
}

/** The whole pack as one HTML string, from the workbook and its monitoring result (`poolshare report`'s). */
export async function buildPack(input: WorkbookInput, result: MonitorResult, limit?: SizeLimit): Promise<string> {
  return renderPack(makePack(input, result), limit);
}

/** What the command says once the pack is written: what it lists, and why the status is 1 when it is. */
export function packStatus(pack: Pack): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const w of pack.warnings) counts[w.severity]++;
  const from = pack.yearEnd ? '`poolshare run`' : '`poolshare monitor`';
  const lists = `It lists ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')} and `
    + `${count(counts.info, 'note')}, as ${from} gives them.`;
  if (counts.error === 0) return lists;
  const failed = notRun(pack);
  const left = failed.length > 0 ? ` ${failed.length} of ${pack.pools.length} pools not run: `
    + `${failed.map((p) => p.code).join(', ')}.` : '';
  return `${lists} The workbook has errors (exit status 1):${left} Fix them and make the pack again.`;
}

export interface ReportArgs {
  out: string;
  force: boolean;
  /** Write the pack as PDF (printed by Chromium) instead of HTML. */
  pdf?: boolean;
}

/** `poolshare report`: writes the pack, says where and what it lists, and returns the run's exit status. */
export async function reportCommand(
  input: WorkbookInput, result: MonitorResult, args: ReportArgs, io: Io,
): Promise<number> {
  if (await isInput(args.out)) throw new Error(`${args.out} is the input workbook; write the pack to another file`);
  const pdfName = /\.pdf$/i.test(args.out);
  if (args.pdf && !pdfName) throw new Error(`--pdf writes a PDF: name the file .pdf (--out PACK.pdf), not ${args.out}`);
  if (!args.pdf && pdfName) {
    throw new Error(`${args.out} is named .pdf: add --pdf to print the pack to PDF, or name it .html`);
  }
  const pack = makePack(input, result);
  const html = await renderPack(pack);
  if (args.pdf) {
    const { printPdf } = await import('./pdf');
    const pdf = await printPdf(html);
    await save((tmp) => fs.writeFile(tmp, pdf), args.out, args.force);
  } else {
    await save((tmp) => fs.writeFile(tmp, html, 'utf8'), args.out, args.force);
  }
  io.out(terminalSafe(`Committee pack written to ${resolve(args.out)}`) + '\n' + terminalSafe(packStatus(pack)) + '\n');
  return hasErrors(pack.warnings) ? 1 : 0;
}
