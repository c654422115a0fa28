/**
 * The task pane: Validate workbook, Build schedules, Monitoring, Insert template. While a job runs the other
 * buttons are unavailable (aria-disabled, so focus stays where it was), a progress bar shows the
 * stage and the status line (aria-live) says it; afterwards the results, the warnings grouped by
 * code, and the outcome (or the failure) in words, with focus back on the button used.
 */
import type { Warning } from '../engine/types';
import {
  buildSchedules, insertTemplate, monitorWorkbook, officeStore, selectCell, validateWorkbook, type JobReport,
} from '../excel/adapter';
import { renderMonitoring } from './monitoring';
import { linkFigures, type CellLink } from './links';
import { renderResults } from './results';
import { applyOfficeTheme } from './theme';
import { STATUS_EVENT, el, failureText, renderWarnings, setStatus, summary, type StatusDetail } from './view';

/** How long to wait for Office.onReady before saying office.js did not start. */
const OFFICE_TIMEOUT_MS = 15000;
const NO_OFFICE = 'Office.js could not load, so Poolshare cannot reach the workbook. Check that your network lets ' +
  'appsforoffice.microsoft.com through, then open Poolshare from Excel (Home > Add-ins) again.';

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`taskpane.html has no #${id}`);
  return e as T;
}

/** The stage of a job from the adapter's progress words: 1 reading, 2 checking, 3 writing. */
function stageOf(text: string): number {
  if (/^reading/i.test(text)) return 1;
  if (/^(checking|adding|projecting)/i.test(text)) return 2;
  return /^writing/i.test(text) ? 3 : 0;
}

function start(): void {
  const status = byId<HTMLElement>('status');
  const bar = byId<HTMLElement>('progress');
  const results = byId<HTMLElement>('results');
  const list = byId<HTMLElement>('warnings');
  const notes = byId<HTMLElement>('notes');
  const buttons = ['validate', 'build', 'template', 'monitor'].map((id) => byId<HTMLButtonElement>(id));
  let busy = false;

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
  const show = (report: JobReport, done: string, built: boolean) => {
    renderResults(results, report.result, built ? linkFigures(report.result, report.written) : null, go, pick);
    finish(report, done);
  };
  const finish = (report: JobReport<unknown>, done: string) => {
    renderWarnings(list, report.warnings, pick);
    const extra = (report as JobReport & { notes?: unknown }).notes;
    notes.replaceChildren(...(Array.isArray(extra) ? extra.filter((n): n is string => typeof n === 'string') : [])
      .map((n) => el(document, 'li', undefined, n)));
    const errors = report.warnings.some((w) => w.severity === 'error');
    setStatus(status, `${done} ${summary(report.warnings)}.`, errors ? 'error' : 'ok');
    performance.mark('poolshare:results');
  };
  const job = (button: HTMLButtonElement, what: string, body: () => Promise<void>) => async () => {
    if (busy) return;
    busy = true;
    buttons.forEach((b) => b.setAttribute('aria-disabled', 'true'));
    try {
      await body();
    } catch (e) {
      setStatus(status, failureText(what, e), 'error');
    } finally {
      busy = false;
      bar.hidden = true;
      buttons.forEach((b) => b.removeAttribute('aria-disabled'));
      if (document.activeElement === document.body || document.activeElement === button) button.focus();
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
  buttons[3].addEventListener('click', job(buttons[3], 'Monitoring', async () => {
    const report = await monitorWorkbook(officeStore(), progress);
    renderMonitoring(results, report.result);
    finish(report, report.written.length ? `Wrote ${report.written.join(', ')}.` : 'Nothing to monitor.');
  }));
  // The ribbon's Validate runs in this same runtime and tells the pane what happened.
  window.addEventListener(STATUS_EVENT, (e) => {
    const detail = (e as CustomEvent<StatusDetail>).detail;
    if (detail.kind === 'validated') show(detail.report, 'Validated from the ribbon.', false);
    else setStatus(status, detail.message, 'error');
  });
  buttons.forEach((b) => (b.disabled = false));
  setStatus(status, 'Ready.');
}

function ready(): void {
  document.documentElement.classList.add('ready');
}

if (typeof Office === 'undefined') {
  ready();
  setStatus(byId('status'), NO_OFFICE, 'error');
} else {
  const timer = setTimeout(() => {
    ready();
    setStatus(byId('status'), NO_OFFICE, 'error');
  }, OFFICE_TIMEOUT_MS);
  Office.onReady((info) => {
    clearTimeout(timer);
    ready();
    if (info.host !== Office.HostType.Excel) {
      setStatus(byId('status'), 'Poolshare runs in Excel: open this add-in from Excel.', 'error');
      return;
    }
    try {
      applyOfficeTheme(document, Office.context?.officeTheme);
    } catch {
      /* no theme from this host: the system's light or dark stands */
    }
    start();
  });
}
