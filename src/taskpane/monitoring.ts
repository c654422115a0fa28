/**
 * The pane's Monitoring view (monitoring.md, "What the user sees"): per pool, at the period
 * reported on, its outturn, variance and movement since the period before, in the year-end view's
 * table style; a pool that could not be projected says so. Amounts are the engine's exact strings,
 * grouped for reading; user text goes in with `textContent` only.
 */
import { isMonitorPool, type MonitorResult } from '../engine/monitor/types';
import { amount, table } from './results';
import { el } from './view';

/** One line of the view: figures as shown (movement "–" at the first period). */
export interface MonitorRow {
  pool: string;
  period: string;
  outturn: string;
  variance: string;
  movement: string;
}

/** Each pool at its last period (the one reported on); a pool not run shows why instead. */
export function monitorRows(result: MonitorResult): MonitorRow[] {
  return result.pools.map((p) => {
    if (!isMonitorPool(p)) {
      const n = p.errors.length;
      const why = `not run: ${n} error${n === 1 ? '' : 's'}`;
      return { pool: p.pool, period: '', outturn: '', variance: why, movement: '' };
    }
    const now = p.periods[p.periods.length - 1];
    if (!now) return { pool: p.pool, period: '', outturn: '', variance: 'no period', movement: '' };
    return {
      pool: p.pool, period: now.period, outturn: amount(now.outturn), variance: amount(now.variance),
      movement: now.movement === null ? '\u2013' : amount(now.movement),
    };
  });
}

/** Renders a Monitoring result into `root`. */
export function renderMonitoring(root: HTMLElement, result: MonitorResult): void {
  const doc = root.ownerDocument;
  root.replaceChildren(el(doc, 'h2', undefined, `Monitoring${result.period ? ` as at ${result.period}` : ''}`));
  const units = result.units === '£' ? 'Pounds' : "Thousands of pounds (£'000)";
  root.appendChild(el(doc, 'p', 'meta', `${units}; periods ${result.periods.join(', ') || 'none'}. `
    + 'Variance is outturn less budget (above 0 an overspend); movement is since the period before.'));
  const rows = monitorRows(result).map((r) => [r.pool, r.outturn, r.variance, r.movement]);
  const headers = ['Pool', 'Outturn', 'Variance', 'Movement'];
  root.appendChild(table(doc, 'Each pool at the period reported on', headers, rows));
  root.appendChild(el(doc, 'p', 'legend', 'Each partner\'s projected risk share and final cost, line by line, are on '
    + 'the Monitoring sheet, with a chart of each pool\'s variance by period.'));
}
