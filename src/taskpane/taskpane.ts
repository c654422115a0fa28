/**
 * The task pane: Validate workbook, Build schedules, Insert template. Each button disables the
 * others while it runs, shows progress, and reports the outcome (or the failure) in words.
 */
import type { Warning } from '../engine/types';
import { buildSchedules, insertTemplate, officeStore, selectCell, validateWorkbook, type JobReport } from '../excel/adapter';
import { STATUS_EVENT, failureText, renderWarnings, setStatus, summary, type StatusDetail } from './view';

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`taskpane.html has no #${id}`);
  return e as T;
}

function start(): void {
  const status = byId<HTMLElement>('status');
  const list = byId<HTMLElement>('warnings');
  const buttons = ['validate', 'build', 'template'].map((id) => byId<HTMLButtonElement>(id));
  const progress = (text: string) => setStatus(status, text, 'busy');

  const pick = async (w: Warning) => {
    if (!w.sheet || !w.cell) return;
    try {
      await selectCell(w.sheet, w.cell);
      setStatus(status, `Selected ${w.sheet}!${w.cell}.`);
    } catch (e) {
      setStatus(status, failureText(`Selecting ${w.sheet}!${w.cell}`, e), 'error');
    }
  };
  const show = (report: JobReport, done: string) => {
    renderWarnings(list, report.warnings, pick);
    setStatus(status, `${done} ${summary(report.warnings)}.`, report.warnings.some((w) => w.severity === 'error') ? 'error' : 'ok');
  };
  const job = (what: string, body: () => Promise<void>) => async () => {
    buttons.forEach((b) => (b.disabled = true));
    try {
      await body();
    } catch (e) {
      setStatus(status, failureText(what, e), 'error');
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };

  buttons[0].addEventListener('click', job('Validation', async () => {
    const report = await validateWorkbook(officeStore(), progress);
    show(report, 'Validated.');
  }));
  buttons[1].addEventListener('click', job('Building the schedules', async () => {
    const report = await buildSchedules(officeStore(), progress);
    show(report, `Wrote ${report.written.length} sheets (${report.written.join(', ')}).`);
  }));
  buttons[2].addEventListener('click', job('Inserting the template', async () => {
    const r = await insertTemplate(progress);
    const kept = r.kept.length ? ` Kept your own: ${r.kept.join(', ')}.` : '';
    setStatus(status, `Added ${r.added.length ? r.added.join(', ') : 'no tables'}.${kept}`);
  }));
  // The ribbon's Validate runs in this same runtime and tells the pane what happened.
  window.addEventListener(STATUS_EVENT, (e) => {
    const detail = (e as CustomEvent<StatusDetail>).detail;
    if (detail.kind === 'validated') show(detail.report, 'Validated from the ribbon.');
    else setStatus(status, detail.message, 'error');
  });
  buttons.forEach((b) => (b.disabled = false));
  setStatus(status, 'Ready.');
}

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    setStatus(byId('status'), 'Poolshare runs in Excel: open this add-in from Excel.', 'error');
    return;
  }
  start();
});
