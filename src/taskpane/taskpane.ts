/**
 * The task pane: a compact command bar (Validate first, then Build schedules and Monitoring;
 * Insert template and Help in an overflow), the status (a Fluent message bar, aria-live), then
 * the results answer first (results.ts), then the warnings grouped under plain titles (view.ts).
 * While a job runs the other buttons are unavailable (focusable, so focus stays where it was) and
 * a progress bar shows the stage; a failure is said in words, and results already on screen are
 * marked out of date and made inert (never left clickable under a failure). The body is drawn
 * before office.js (loaded after it), so an office.js that never answers shows the "still loading"
 * message (taskpane.css, 15 s) and one that loads but never calls back gets the same in words.
 */
import '@fluentui/web-components/button.js';
import '@fluentui/web-components/message-bar.js';
import '@fluentui/web-components/accordion.js';
import '@fluentui/web-components/accordion-item.js';
import '@fluentui/web-components/text-input.js';
import '@fluentui/web-components/badge.js';
import type { Warning } from '../engine/types';
import {
  buildSchedules, insertTemplate, monitorWorkbook, officeStore, optionsWorkbook, selectCell, validateWorkbook,
  type JobReport,
} from '../excel/adapter';
import { linkFigures, linkMonitoring, linkOptions, type CellLink, type Linker } from './links';
import { renderMonitoring } from './monitoring';
import { renderOptions } from './options';
import { renderResults, type ViewContext } from './results';
import { followTheme } from './theme';
import {
  STATUS_EVENT, el, failureText, messageBar, renderWarnings, setStatus, summary, type StatusDetail, type WarningsView,
} from './view';

/** How long to wait for Office.onReady before saying office.js did not start (the stylesheet says so too). */
const OFFICE_TIMEOUT_MS = 15000;
const NO_OFFICE = 'Still loading: Office.js has not answered, so Poolshare cannot reach the workbook. Check that your '
  + 'network lets appsforoffice.microsoft.com through, then open Poolshare from Excel (Home > Add-ins) again.';

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`taskpane.html has no #${id}`);
  return e as T;
}

/** The stage of a job from the adapter's progress words: 1 reading, 2 checking, 3 writing. */
function stageOf(text: string): number {
  if (/^reading/i.test(text)) return 1;
  if (/^(checking|adding|projecting|running)/i.test(text)) return 2;
  return /^writing/i.test(text) ? 3 : 0;
}

type Button = HTMLElement & { disabled: boolean };

/** The overflow: a disclosure button showing the one-off actions; Escape or a choice closes it. */
function overflow(toggle: HTMLElement, menu: HTMLElement): () => void {
  const close = () => {
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', () => {
    const open = menu.hidden;
    menu.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) (menu.querySelector('fluent-button:not([disabled]), a') as HTMLElement | null)?.focus();
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      toggle.focus();
    }
  });
  return close;
}

function start(): void {
  const status = byId<HTMLElement>('status');
  const bar = byId<HTMLElement>('progress');
  const results = byId<HTMLElement>('results');
  const list = byId<HTMLElement>('warnings');
  const notes = byId<HTMLElement>('notes');
  const buttons = ['validate', 'build', 'template', 'monitor', 'options'].map((id) => byId<Button>(id));
  const closeMenu = overflow(byId('more'), byId('more-menu'));
  let busy = false;
  let warningsView: WarningsView = { filter: () => undefined };

  const progress = (text: string) => {
    const n = stageOf(text);
    bar.hidden = false;
    bar.setAttribute('aria-valuenow', String(n));
    bar.setAttribute('aria-valuetext', text);
    bar.style.setProperty('--done', `${Math.max(n, 0.3) / 3}`);
    setStatus(status, n ? `Step ${n} of 3: ${text}` : text, 'busy');
  };
  const go = async (link: CellLink) => {
    try {
      await selectCell(link.sheet, link.cell);
      setStatus(status, `Selected ${link.sheet}!${link.cell}.`);
    } catch (e) {
      const text = failureText(`Selecting ${link.sheet}!${link.cell}`, e).replace(/ Nothing was written\.$/, '');
      setStatus(status, text, 'error');
    }
  };
  const pick = (w: Warning) => (w.sheet && w.cell ? go({ sheet: w.sheet, cell: w.cell }) : undefined);
  const context = (linker: Linker | null): ViewContext => ({
    linker, onPick: go, showErrors: (pool) => warningsView.filter(pool),
  });
  const fresh = () => {
    results.removeAttribute('inert');
    results.classList.remove('stale');
  };
  /** Results on screen from an earlier run, under a failure: marked out of date, not clickable. */
  const stale = (what: string) => {
    if (!results.firstElementChild || results.classList.contains('stale')) return;
    results.classList.add('stale');
    const note = messageBar(document, 'warning', `Out of date: ${what} failed, so the figures below are from the `
      + 'run before it. Run it again once the problem is fixed.', 'stale-note');
    results.before(note);
    results.setAttribute('inert', '');
  };
  const show = (report: JobReport, done: string, built: boolean) => {
    fresh();
    renderResults(results, report.result, context(built ? linkFigures(report.result, report.written) : null));
    finish(report, done);
  };
  const finish = (report: JobReport<unknown>, done: string) => {
    document.querySelectorAll('.stale-note').forEach((n) => n.remove());
    warningsView = renderWarnings(list, report.warnings, pick);
    const extra = (report as JobReport & { notes?: unknown }).notes;
    notes.replaceChildren(...(Array.isArray(extra) ? extra.filter((n): n is string => typeof n === 'string') : [])
      .map((n) => el(document, 'li', undefined, n)));
    const errors = report.warnings.some((w) => w.severity === 'error');
    const warns = report.warnings.some((w) => w.severity === 'warning');
    setStatus(status, `${done} ${summary(report.warnings)}.`, errors ? 'error' : warns ? 'warn' : 'ok');
    performance.mark('poolshare:results');
  };
  const job = (button: Button, what: string, body: () => Promise<void>) => async () => {
    if (busy) return;
    busy = true;
    closeMenu();
    buttons.forEach((b) => b.setAttribute('aria-disabled', 'true'));
    try {
      await body();
    } catch (e) {
      setStatus(status, failureText(what, e), 'error');
      stale(what);
    } finally {
      busy = false;
      bar.hidden = true;
      buttons.forEach((b) => b.removeAttribute('aria-disabled'));
      const at = document.activeElement;
      if (at === document.body || at === button || !at) (button.id === 'template' ? byId('more') : button).focus();
    }
  };

  buttons[0].addEventListener('click', job(buttons[0], 'Validation', async () => {
    const report = await validateWorkbook(officeStore(), progress);
    show(report, 'Validated.', false);
  }));
  buttons[1].addEventListener('click', job(buttons[1], 'Building the schedules', async () => {
    const report = await buildSchedules(officeStore(), progress);
    show(report, `Wrote ${report.written.length} sheets (${report.written.join(', ')}).`, true);
  }));
  buttons[2].addEventListener('click', job(buttons[2], 'Inserting the template', async () => {
    const r = await insertTemplate(progress);
    const kept = r.kept.length ? ` Kept your own: ${r.kept.join(', ')}.` : '';
    setStatus(status, `Added ${r.added.length ? r.added.join(', ') : 'no tables'}.${kept}`);
  }));
  /** A job that writes its sheets and draws its own view, its figures linked once written. */
  const viewJob = <R>(button: Button, what: string, run: () => Promise<JobReport<R>>,
    draw: (root: HTMLElement, result: R, ctx: ViewContext) => void, link: (result: R, written: string[]) => Linker,
    none: string) => job(button, what, async () => {
    const report = await run();
    fresh();
    draw(results, report.result, context(report.written.length ? link(report.result, report.written) : null));
    finish(report, report.written.length ? `Wrote ${report.written.join(', ')}.` : none);
  });
  buttons[3].addEventListener('click', viewJob(buttons[3], 'Monitoring', () => monitorWorkbook(officeStore(), progress),
    renderMonitoring, linkMonitoring, 'Nothing to monitor.'));
  buttons[4].addEventListener('click', viewJob(buttons[4], 'Options', () => optionsWorkbook(officeStore(), progress),
    renderOptions, linkOptions, 'Nothing to compare.'));
  // The ribbon's Validate runs in this same runtime and tells the pane what happened.
  window.addEventListener(STATUS_EVENT, (e) => {
    const detail = (e as CustomEvent<StatusDetail>).detail;
    if (detail.kind === 'validated') show(detail.report, 'Validated from the ribbon.', false);
    else {
      setStatus(status, detail.message, 'error');
      stale('Validation from the ribbon');
    }
  });
  buttons.forEach((b) => (b.disabled = false));
  setStatus(status, 'Ready.');
}

function ready(): void {
  document.documentElement.classList.add('ready');
}

function stuck(): void {
  ready();
  setStatus(byId('status'), NO_OFFICE, 'error');
}

/** Office's theme now, and again whenever it changes (the event where the host has it). */
function watchTheme(): void {
  const apply = followTheme(document, () => Office.context?.officeTheme);
  try {
    const doc = Office.context?.document as unknown as {
      addHandlerAsync?: (type: unknown, handler: () => void, cb?: (r: unknown) => void) => void;
    } | undefined;
    const type = (Office.EventType as unknown as Record<string, unknown>)?.OfficeThemeChanged;
    if (doc?.addHandlerAsync && type) doc.addHandlerAsync(type, apply, () => undefined);
  } catch {
    /* the host has no theme event: focus and visibility changes still look again */
  }
}

if (typeof Office === 'undefined') {
  stuck();
} else {
  const timer = setTimeout(stuck, OFFICE_TIMEOUT_MS);
  Office.onReady((info) => {
    clearTimeout(timer);
    ready();
    if (info.host !== Office.HostType.Excel) {
      setStatus(byId('status'), 'Poolshare runs in Excel: open this add-in from Excel.', 'error');
      return;
    }
    watchTheme();
    start();
  });
}
