/**
 * The task pane's rendering: warnings grouped by code with counts and a filter, status and
 * failures in words. Every piece of user text (partner names, messages, cell addresses) goes in
 * with `textContent`, never `innerHTML`, so a partner named `<img src=x onerror=...>` stays text.
 */
import type { Severity, Warning } from '../engine/types';
import type { JobReport } from '../excel/adapter';
import { plural, titleOf } from './format';

/** The event by which the ribbon command (same runtime) tells the pane what happened. */
export const STATUS_EVENT = 'poolshare:status';
export type StatusDetail = { kind: 'validated'; report: JobReport } | { kind: 'failed'; message: string };

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** "2 errors, 1 warning, 0 notes" or "No problems found": said once, in the status. */
export function summary(warnings: Warning[]): string {
  if (warnings.length === 0) return 'No problems found';
  const count = (s: Severity) => warnings.filter((w) => w.severity === s).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`;
}

/** Where a warning points, in words. */
export function place(w: Warning): string {
  if (w.sheet && w.cell) return `${w.sheet}!${w.cell}`;
  if (w.table) return `${w.table}${w.row ? ` row ${w.row}` : ''}${w.column ? `, ${w.column}` : ''}`;
  return w.pool ? `pool ${w.pool}` : '';
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document, tag: K, cls?: string, text?: string,
): HTMLElementTagNameMap[K];
export function el(doc: Document, tag: string, cls?: string, text?: string): HTMLElement;
export function el(doc: Document, tag: string, cls?: string, text?: string): HTMLElement {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Fluent System Icons (20 px, regular), as paths. */
export const ICONS = {
  search: 'M8.5 3a5.5 5.5 0 0 1 4.23 9.02l4.12 4.13a.5.5 0 0 1-.63.76l-.07-.06-4.13-4.12A5.5 5.5 0 1 1 8.5 3Zm0 '
    + '1a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9Z',
  info: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 1a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm0 5.5a.5.5 0 0 1 .5.41V13.5a.5.5 0 0 '
    + '1-1 .09V9a.5.5 0 0 1 .5-.5Zm0-2.25a.75.75 0 1 1 0 1.5.75.75 0 0 1 0-1.5Z',
  ok: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 1a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm3.36 4.65c.17.17.2.44.06.63l-.06.07'
    + '-4 4a.5.5 0 0 1-.64.07l-.07-.06-2-2a.5.5 0 0 1 .63-.77l.07.06L9 11.3l3.65-3.65c.2-.2.51-.2.7 0Z',
  warning: 'M8.68 2.79a1.5 1.5 0 0 1 2.64 0l6.5 12A1.5 1.5 0 0 1 16.5 17h-13a1.5 1.5 0 0 1-1.32-2.21l6.5-12Zm1.76.48'
    + 'a.5.5 0 0 0-.88 0l-6.5 12a.5.5 0 0 0 .44.73h13a.5.5 0 0 0 .44-.74l-6.5-12ZM10 13.75a.75.75 0 1 1 0 1.5.75.75 0 '
    + '0 1 0-1.5ZM10 6.5a.5.5 0 0 1 .5.41V11.5a.5.5 0 0 1-1 .09V7a.5.5 0 0 1 .5-.5Z',
  error: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 1a7 7 0 1 0 0 14 7 7 0 0 0 0-14Zm0 9.5a.75.75 0 1 1 0 1.5.75.75 0 0 '
    + '1 0-1.5ZM10 6a.5.5 0 0 1 .5.41V11a.5.5 0 0 1-1 .09V6.5A.5.5 0 0 1 10 6Z',
  more: 'M6.25 10a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0Zm5 0a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0ZM15 '
    + '11.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5Z',
};

/** An icon (decorative: hidden from assistive technology), optionally into a slot. */
export function icon(doc: Document, name: keyof typeof ICONS, slot?: string): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon ${name}`);
  if (slot) svg.setAttribute('slot', slot);
  const path = doc.createElementNS(NS, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', ICONS[name]);
  svg.appendChild(path);
  return svg;
}

/** A Fluent message bar with its icon: what the pane says about a whole run (trust, staleness). */
export function messageBar(
  doc: Document, intent: 'info' | 'success' | 'warning' | 'error', text: Node[] | string, cls = '',
): HTMLElement {
  const bar = el(doc, 'fluent-message-bar', `bar ${cls}`.trim());
  bar.setAttribute('intent', intent);
  bar.setAttribute('layout', 'multiline');
  const body = el(doc, 'span', 'text');
  body.append(...(typeof text === 'string' ? [text] : text));
  bar.append(icon(doc, intent === 'success' ? 'ok' : intent, 'icon'), body);
  return bar;
}

/**
 * A warning's message on one line, without the location the pane shows beside it: a leading
 * "Report!B21: " or "Contributions row 3: " that repeats `place(w)` is dropped.
 */
export function oneLine(w: Warning): string {
  let m = w.message.replace(/\s+/g, ' ').trim();
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const prefixes: string[] = [];
  if (w.sheet && w.cell) prefixes.push(`'?${esc(w.sheet)}'?!\\$?${esc(w.cell)}`);
  if (w.table && w.row !== undefined) prefixes.push(`${esc(w.table)} row ${w.row}(, (column )?[^:]{1,40}(?=:))?`);
  for (const p of prefixes) m = m.replace(new RegExp(`^${p}\\s*[:,\u2013-]?\\s*`, 'i'), '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** Groups by code: most severe first, then the largest groups. */
export function groupByCode(warnings: Warning[]): Array<{ code: string; severity: Severity; items: Warning[] }> {
  const groups = new Map<string, { code: string; severity: Severity; items: Warning[] }>();
  for (const w of warnings) {
    const g = groups.get(w.code) ?? { code: w.code, severity: w.severity, items: [] };
    g.items.push(w);
    groups.set(w.code, g);
  }
  return [...groups.values()].sort((a, b) =>
    ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || b.items.length - a.items.length
    || a.code.localeCompare(b.code));
}

function matches(w: Warning, q: string): boolean {
  const text = `${w.code} ${titleOf(w.code)} ${SEVERITY[w.severity]} ${place(w)} ${w.pool ?? ''} ${w.message}`;
  return !q || text.toLowerCase().includes(q);
}

/** The severities in words, as the status counts them: an info is a "note". */
export const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const BADGE: Record<Severity, string> = { error: 'danger', warning: 'warning', info: 'informative' };

/** A Fluent badge (tint: dark text on a light tint, or the dark theme's reverse). */
export function badge(doc: Document, text: string, color: string, cls = ''): HTMLElement {
  const b = el(doc, 'fluent-badge', `badge ${cls}`.trim(), text);
  b.setAttribute('appearance', 'tint');
  b.setAttribute('color', color);
  b.setAttribute('shape', 'rounded');
  return b;
}

/** Fills a group's list (done when it is first opened: 96 errors do not make 96 nodes up front). */
function fillGroup(ul: HTMLElement, items: Warning[], onPick: (w: Warning) => void): void {
  const doc = ul.ownerDocument;
  ul.replaceChildren();
  for (const w of items) {
    const li = el(doc, 'li', 'warning');
    const item = w.sheet && w.cell ? el(doc, 'button', 'pick') : el(doc, 'span', 'pick');
    item.append(el(doc, 'span', 'where', place(w) || 'the workbook'), el(doc, 'span', 'message', oneLine(w)));
    if (item instanceof HTMLButtonElement) {
      item.type = 'button';
      item.title = `Select ${w.sheet}!${w.cell}`;
      item.addEventListener('click', () => onPick(w));
    }
    li.appendChild(item);
    ul.appendChild(li);
  }
}

/** An accordion item (the disclosure marker first), its heading made of `heading`, and its empty panel. */
export function accordionItem(doc: Document, cls: string, heading: Node[]): { item: HTMLElement; panel: HTMLElement } {
  const item = el(doc, 'fluent-accordion-item', cls);
  item.setAttribute('marker-position', 'start');
  const h = el(doc, 'span', 'head');
  h.slot = 'heading';
  h.append(...heading);
  const panel = el(doc, 'div', 'panel');
  item.append(h, panel);
  return { item, panel };
}

/** An accordion item whose panel is drawn when it is first opened. */
export function lazyItem(
  doc: Document, cls: string, heading: Node[], fill: (panel: HTMLElement) => void,
): HTMLElement {
  const { item, panel } = accordionItem(doc, cls, heading);
  const draw = () => {
    if (item.hasAttribute('expanded') && !panel.dataset.drawn) {
      panel.dataset.drawn = 'yes';
      fill(panel);
    }
  };
  new MutationObserver(draw).observe(item, { attributes: true, attributeFilter: ['expanded'] });
  return item;
}

export function accordion(doc: Document, cls: string): HTMLElement {
  const a = el(doc, 'fluent-accordion', cls);
  a.setAttribute('expand-mode', 'multi');
  return a;
}

/** The warnings view's handle: show only what matches a word (a pool's code, say), and open it. */
export interface WarningsView {
  filter(q: string): void;
}

/**
 * Renders the warnings into `root`, grouped by code under a plain title (code small, count,
 * severity) below a filter box; each group opens to its warnings, drawn when first opened.
 * `onPick` is called with a warning whose cell is known.
 */
export function renderWarnings(root: HTMLElement, warnings: Warning[], onPick: (w: Warning) => void): WarningsView {
  const doc = root.ownerDocument;
  root.replaceChildren();
  if (warnings.length === 0) return { filter: () => undefined };
  root.appendChild(el(doc, 'h2', undefined, 'Warnings'));
  const input = el(doc, 'fluent-text-input', 'filter') as HTMLElement & { value: string };
  input.setAttribute('type', 'search');
  input.setAttribute('placeholder', 'Filter: pool, sheet, partner, words');
  input.setAttribute('aria-label', 'Filter the warnings');
  input.setAttribute('autocomplete', 'off');
  input.appendChild(icon(doc, 'search', 'start'));
  root.appendChild(input);
  const count = el(doc, 'p', 'count');
  count.setAttribute('aria-live', 'polite');
  root.appendChild(count);
  const box = accordion(doc, 'groups');
  root.appendChild(box);
  const groups = groupByCode(warnings);
  const draw = (q: string) => {
    box.replaceChildren();
    let shown = 0;
    for (const g of groups) {
      const items = g.items.filter((w) => matches(w, q));
      if (items.length === 0) continue;
      shown += items.length;
      const title = el(doc, 'span', 'title', titleOf(g.code));
      const item = lazyItem(doc, `group ${g.severity}`, [title, el(doc, 'span', 'code', g.code),
        badge(doc, `${items.length} ${items.length === 1 ? SEVERITY[g.severity] : `${SEVERITY[g.severity]}s`}`,
          BADGE[g.severity], 'n')], (panel) => {
        const ul = el(doc, 'ul', 'items');
        fillGroup(ul, items, onPick);
        panel.appendChild(ul);
      });
      item.dataset.code = g.code;
      if (groups.length === 1 || (q !== '' && items.length <= 5)) item.setAttribute('expanded', '');
      box.appendChild(item);
    }
    count.textContent = q ? `${shown} of ${warnings.length} match.` : `${plural(groups.length, 'kind')} of problem; `
      + 'open one to see where.';
  };
  input.addEventListener('input', () => draw(String(input.value ?? '').trim().toLowerCase()));
  draw('');
  return {
    filter: (q) => {
      input.value = q;
      draw(q.trim().toLowerCase());
      root.scrollIntoView({ block: 'start' });
    },
  };
}

const INTENT = { busy: 'info', ok: 'success', error: 'error', warn: 'warning' } as const;
export type StatusKind = keyof typeof INTENT;

/** Status line (a Fluent message bar, aria-live): what is happening, or what went wrong, in words. */
export function setStatus(root: HTMLElement, text: string, kind: StatusKind = 'ok'): void {
  const doc = root.ownerDocument;
  const intent = INTENT[kind];
  root.replaceChildren(icon(doc, intent === 'success' ? 'ok' : intent, 'icon'), text);
  root.setAttribute('intent', intent);
  root.className = `status ${kind}`;
  root.setAttribute('aria-busy', kind === 'busy' ? 'true' : 'false');
}

/** What a rejection says and its code, whatever was thrown (Error, OfficeExtension.Error, object, string...). */
function reason(e: unknown): { message: string; code: string; at: string } {
  const text = (x: unknown) => (typeof x === 'string' ? x.replace(/\s+/g, ' ').trim() : '');
  if (e === undefined || e === null) return { message: 'Excel gave no reason', code: '', at: '' };
  if (typeof e !== 'object') return { message: text(String(e)) || 'Excel gave no reason', code: '', at: '' };
  const o = e as {
    message?: unknown; code?: unknown; name?: unknown; error?: unknown; debugInfo?: { errorLocation?: unknown };
  };
  // Some hosts wrap the error: { error: { code, message } }.
  const inner = o.error && typeof o.error === 'object' ? reason(o.error) : null;
  let code = text(o.code) || (typeof o.code === 'number' ? String(o.code) : '') || inner?.code || '';
  let message = text(o.message) || inner?.message || '';
  if (!message) {
    const name = text(o.name);
    message = name && name !== 'Error' ? name : code ? 'Excel refused the request' : 'Excel gave no reason';
  }
  if (code && message.includes(code)) code = '';
  const at = o.debugInfo && typeof o.debugInfo.errorLocation === 'string' ? text(o.debugInfo.errorLocation) : '';
  return { message: message.replace(/[.\s]+$/, ''), code, at: at || inner?.at || '' };
}

/**
 * A failure as one plain sentence with its code, whatever was thrown: "Building the schedules
 * failed: The workbook is locked for editing (InvalidOperation). Nothing was written." An error
 * that lists the sheets written before it stopped (the adapter's PartialWriteError) is told as such.
 */
export function failureText(what: string, e: unknown): string {
  const r = reason(e);
  const code = r.code ? ` (${r.code})` : '';
  const at = r.at ? ` at ${r.at}` : '';
  const o = e && typeof e === 'object' ? (e as { written?: unknown; partial?: unknown }) : {};
  // A partial write's own message says what was written in full and in part; anything else failed
  // before Poolshare wrote.
  if (Array.isArray(o.written) || Array.isArray(o.partial)) return `${what} failed: ${r.message}${code}${at}.`;
  return `${what} failed: ${r.message}${code}${at}. Nothing was written.`;
}
