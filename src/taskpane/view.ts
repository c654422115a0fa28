/**
 * The task pane's rendering: warnings grouped by code with counts and a filter, status and
 * failures in words. Every piece of user text (partner names, messages, cell addresses) goes in
 * with `textContent`, never `innerHTML`, so a partner named `<img src=x onerror=...>` stays text.
 */
import type { Severity, Warning } from '../engine/types';
import type { JobReport } from '../excel/adapter';

/** The event by which the ribbon command (same runtime) tells the pane what happened. */
export const STATUS_EVENT = 'poolshare:status';
export type StatusDetail = { kind: 'validated'; report: JobReport } | { kind: 'failed'; message: string };

const ORDER: Severity[] = ['error', 'warning', 'info'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

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
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
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
  return !q || `${w.code} ${w.severity} ${place(w)} ${w.pool ?? ''} ${w.message}`.toLowerCase().includes(q);
}

/** Fills a group's list (done when it is first opened: 96 errors do not make 96 nodes up front). */
function fillGroup(ul: HTMLUListElement, items: Warning[], onPick: (w: Warning) => void): void {
  const doc = ul.ownerDocument;
  ul.replaceChildren();
  for (const w of items) {
    const li = el(doc, 'li', 'warning');
    const button = el(doc, 'button', 'pick');
    button.type = 'button';
    button.append(el(doc, 'span', 'where', place(w) || 'the workbook'), el(doc, 'span', 'message', oneLine(w)));
    if (w.sheet && w.cell) {
      button.title = `Select ${w.sheet}!${w.cell}`;
      button.addEventListener('click', () => onPick(w));
    } else {
      button.setAttribute('aria-disabled', 'true');
    }
    li.appendChild(button);
    ul.appendChild(li);
  }
}

/**
 * Renders the warnings into `root`, grouped by code (count, severity) under a filter box; each
 * group opens to its warnings. `onPick` is called with a warning whose cell is known.
 */
export function renderWarnings(root: HTMLElement, warnings: Warning[], onPick: (w: Warning) => void): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  if (warnings.length === 0) return;
  root.appendChild(el(doc, 'h2', undefined, 'Warnings'));
  const label = el(doc, 'label', 'filter');
  label.appendChild(el(doc, 'span', 'sr-only', 'Filter the warnings'));
  const input = el(doc, 'input');
  input.type = 'search';
  input.placeholder = 'Filter: code, sheet, partner, words';
  label.appendChild(input);
  root.appendChild(label);
  const count = el(doc, 'p', 'count');
  count.setAttribute('aria-live', 'polite');
  root.appendChild(count);
  const box = el(doc, 'div', 'groups');
  root.appendChild(box);
  const groups = groupByCode(warnings);
  const draw = () => {
    const q = input.value.trim().toLowerCase();
    box.replaceChildren();
    let shown = 0;
    for (const g of groups) {
      const items = g.items.filter((w) => matches(w, q));
      if (items.length === 0) continue;
      shown += items.length;
      const d = el(doc, 'details', `group ${g.severity}`);
      d.dataset.code = g.code;
      const s = el(doc, 'summary');
      s.append(el(doc, 'span', `sev ${g.severity}`, g.severity), el(doc, 'span', 'code', g.code),
        el(doc, 'span', 'n', String(items.length)));
      d.appendChild(s);
      const ul = el(doc, 'ul');
      d.appendChild(ul);
      d.addEventListener('toggle', () => {
        if (d.open && ul.childElementCount === 0) fillGroup(ul, items, onPick);
      });
      d.open = groups.length === 1 || (q !== '' && items.length <= 5);
      box.appendChild(d);
    }
    count.textContent = q ? `${shown} of ${warnings.length} match.` : `${groups.length} kinds; open one to see where.`;
  };
  input.addEventListener('input', draw);
  draw();
}

/** Status line: what is happening, or what went wrong, in words. */
export function setStatus(root: HTMLElement, text: string, kind: 'busy' | 'ok' | 'error' = 'ok'): void {
  root.textContent = text;
  root.className = `status ${kind}`;
  root.setAttribute('aria-busy', kind === 'busy' ? 'true' : 'false');
}

/**
 * Words for a failure, whatever was thrown (Office.js errors carry a code and a debug location).
 * An error that lists the sheets written before it stopped (`written`) is told as such.
 */
export function failureText(what: string, e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as {
      message?: unknown; code?: unknown; debugInfo?: { errorLocation?: unknown }; written?: unknown; partial?: unknown;
    };
    const message = typeof o.message === 'string' ? o.message : String(e);
    const code = typeof o.code === 'string' && !message.includes(o.code) ? ` (${o.code})` : '';
    const at = o.debugInfo && typeof o.debugInfo.errorLocation === 'string' ? ` at ${o.debugInfo.errorLocation}` : '';
    // A partial write's own message says what was written in full and in part (the adapter's
    // PartialWriteError); anything else failed before Poolshare wrote.
    if (Array.isArray(o.written) || Array.isArray(o.partial)) return `${what} failed: ${message}${code}${at}`;
    return `${what} failed: ${message}${code}${at}. Nothing was written.`;
  }
  return `${what} failed: ${String(e)}. Nothing was written.`;
}
