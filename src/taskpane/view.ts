/**
 * The task pane's rendering: warnings grouped by severity with counts, status and failures in
 * words. Every piece of user text (partner names, messages, cell addresses) goes in with
 * `textContent`, never `innerHTML`, so a partner named `<img src=x onerror=...>` stays text.
 */
import type { Severity, Warning } from '../engine/types';
import type { JobReport } from '../excel/adapter';

/** The event by which the ribbon command (same runtime) tells the pane what happened. */
export const STATUS_EVENT = 'poolshare:status';
export type StatusDetail = { kind: 'validated'; report: JobReport } | { kind: 'failed'; message: string };

const ORDER: Severity[] = ['error', 'warning', 'info'];
const TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning, 0 notes" or "No problems found". */
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

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Renders the warnings into `root`; `onPick` is called with a warning whose cell is known. */
export function renderWarnings(root: HTMLElement, warnings: Warning[], onPick: (w: Warning) => void): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  const head = el(doc, 'p', 'summary', summary(warnings));
  root.appendChild(head);
  for (const severity of ORDER) {
    const list = warnings.filter((w) => w.severity === severity);
    if (list.length === 0) continue;
    const section = el(doc, 'section', `group ${severity}`);
    section.dataset.severity = severity;
    section.appendChild(el(doc, 'h2', undefined, `${TITLES[severity]} (${list.length})`));
    const ul = el(doc, 'ul');
    for (const w of list) {
      const li = el(doc, 'li', 'warning');
      const button = el(doc, 'button', 'pick');
      button.type = 'button';
      button.appendChild(el(doc, 'span', 'code', w.code));
      button.appendChild(el(doc, 'span', 'where', place(w)));
      button.appendChild(el(doc, 'span', 'message', w.message));
      if (w.sheet && w.cell) {
        button.title = `Select ${w.sheet}!${w.cell}`;
        button.addEventListener('click', () => onPick(w));
      } else {
        button.disabled = true;
      }
      li.appendChild(button);
      ul.appendChild(li);
    }
    section.appendChild(ul);
    root.appendChild(section);
  }
}

/** Status line: what is happening, or what went wrong, in words. */
export function setStatus(root: HTMLElement, text: string, kind: 'busy' | 'ok' | 'error' = 'ok'): void {
  root.textContent = text;
  root.className = `status ${kind}`;
  root.setAttribute('aria-busy', kind === 'busy' ? 'true' : 'false');
}

/** Words for a failure, whatever was thrown (Office.js errors carry a code and a debug location). */
export function failureText(what: string, e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; code?: unknown; debugInfo?: { errorLocation?: unknown } };
    const message = typeof o.message === 'string' ? o.message : String(e);
    const code = typeof o.code === 'string' && !message.includes(o.code) ? ` (${o.code})` : '';
    const at = o.debugInfo && typeof o.debugInfo.errorLocation === 'string' ? ` at ${o.debugInfo.errorLocation}` : '';
    return `${what} failed: ${message}${code}${at}. Nothing was written.`;
  }
  return `${what} failed: ${String(e)}. Nothing was written.`;
}
