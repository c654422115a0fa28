/**
 * The committee pack's small pieces: HTML escaping, figures in the pack's one negative style (a
 * true minus), months in words, tables whose header repeats on every printed page, and blocks
 * that keep a heading with what it heads.
 */
import { Decimal, groupMoney } from '../../engine/money';

/** HTML-escapes user text. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "1,234.50", "−1,234.50" (a true minus, the pack's one negative style); "–" when there is no figure. */
export function figure(s: string | Decimal | null): string {
  if (s === null) return '–';
  return groupMoney(typeof s === 'string' ? new Decimal(s) : s).replace(/^-/, '\u2212');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** "May 2025" for 2025-05 (anything else as it is). */
export function monthText(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : ym;
}

/** A table cell: text (escaped here) or HTML already escaped. */
export type Cell = string | { html: string };

const cellHtml = (c: Cell) => (typeof c === 'string' ? esc(c) : c.html);

export interface Column {
  head: string;
  /** Figures: right-aligned, never wrapped. */
  numeric?: boolean;
}

/**
 * A table with its header in <thead> (printed again at the top of each page it runs onto) and an
 * optional total row in <tfoot>. No spread or per-row search: its cost is its cells.
 */
export function tableHtml(columns: Column[], rows: Cell[][], total?: Cell[], cls = ''): string {
  const n = (i: number) => (columns[i]?.numeric ? ' class="n"' : '');
  const head = columns.map((c, i) => `<th${n(i)}>${esc(c.head)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${n(i)}>${cellHtml(c)}</td>`).join('')}</tr>`);
  const foot = total ? `<tfoot><tr class="total">${total.map((c, i) => `<td${n(i)}>${cellHtml(c)}</td>`).join('')}`
    + '</tr></tfoot>' : '';
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n`
    + `</tbody>${foot}</table>`;
}

/** A heading kept on one page with what it heads (short content is not split either). */
export function block(heading: string, body: string): string {
  return `<div class="keep"><h3>${esc(heading)}</h3>\n${body}</div>`;
}

/** A part of the pack that starts on a new page: its heading and body (HTML already escaped). */
export function page(heading: string, body: string, id?: string): string {
  return `<section class="page"${id ? ` id="${esc(id)}"` : ''}><h2>${esc(heading)}</h2>\n${body}\n</section>`;
}

/** "1 error", "3 errors". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
