/**
 * The pane's Monitoring view (monitoring.md, "What the user sees"): per pool, at the period
 * reported on, its budget, forecast outturn, variance and movement since the period before, in
 * the results view's style (a line per pool that opens, figures linked to the Monitoring sheet
 * after it was written); a pool that could not be projected says so and leads to its errors.
 * Periods read "May 2025". Amounts are the engine's exact strings; user text goes in with `textContent`.
 */
import { isMonitorPool, type MonitorResult } from '../engine/monitor/types';
import { amount, listText, money, namesOf, periodText, plural, settingsText, unitsText, yearText } from './format';
import { monitoringRef } from './links';
import { figure, figureRows, type ViewContext } from './results';
import { accordion, badge, el, lazyItem, messageBar } from './view';

/**
 * One pool at the period reported on, as plain figures (movement "–" at the first period): the
 * table form of the view, for callers and tests that read the figures without the DOM.
 */
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
      const why = `not run: ${plural(p.errors.length, 'error')}`;
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
export function renderMonitoring(root: HTMLElement, result: MonitorResult, ctx: ViewContext): void {
  const doc = root.ownerDocument;
  const names = namesOf(result as MonitorResult & { partners?: Array<{ partner: string; name: string | null }> });
  const s = el(doc, 'section', 'summary monitoring');
  const latest = result.periods[result.periods.length - 1];
  const at = result.period ? ` at ${periodText(result.period)}`
    + (latest && latest !== result.period ? `, latest forecasts ${periodText(latest)}` : '') : '';
  s.appendChild(el(doc, 'h2', undefined, `Monitoring ${yearText(result.year.start)}${at}`));
  s.appendChild(el(doc, 'p', 'meta', `Figures in ${unitsText(result.units)}. Variance is the forecast less the budget `
    + '(above 0 an overspend); movement is since the period before.'));
  const failed = result.pools.filter((p) => !isMonitorPool(p));
  if (failed.length) {
    s.appendChild(messageBar(doc, 'warning', `${failed.length} of ${result.pools.length} pools not projected: `
      + `${listText(failed.map((p) => names.pool(p.pool)))}. Fix their errors, then run Monitoring again.`, 'trust'));
  }
  const list = accordion(doc, 'pools');
  for (const p of result.pools) {
    if (!isMonitorPool(p)) {
      const item = lazyItem(doc, 'pool failed', [el(doc, 'span', 'name', names.pool(p.pool)),
        badge(doc, `not run: ${plural(p.errors.length, 'error')}`, 'danger', 'state')], (panel) => {
        const b = el(doc, 'fluent-button', 'show-errors', `Show its ${plural(p.errors.length, 'error')}`);
        b.setAttribute('size', 'small');
        b.addEventListener('click', () => ctx.showErrors(p.pool));
        panel.appendChild(b);
      });
      item.dataset.pool = p.pool;
      list.appendChild(item);
      continue;
    }
    const now = p.periods[p.periods.length - 1];
    const fig = (header: string, value: string | null) => (value === null ? el(doc, 'span', 'fig', '\u2013')
      : figure(doc, value, result.units, now ? monitoringRef(p.pool, now.period, header) : null, ctx));
    const state = now ? (now.variance.startsWith('-') ? 'under' : /^0(\.0+)?$/.test(now.variance) ? 'on' : 'over')
      : 'none';
    const text = state === 'none' ? 'no period' : state === 'on' ? 'on budget'
      : `${state} ${money(now!.variance.replace(/^-/, ''), result.units)}`;
    const item = lazyItem(doc, 'pool', [el(doc, 'span', 'name', names.pool(p.pool)),
      badge(doc, text, state === 'over' ? 'danger' : state === 'under' ? 'success' : 'informative', 'state')],
    (panel) => {
      const at = now ? ` At ${periodText(now.period)}.` : '';
      panel.appendChild(el(doc, 'p', 'meta', `${settingsText(p, names)}${at}`));
      panel.appendChild(figureRows(doc, [['Budget', fig('Budget', p.budget)],
        ['Forecast', fig('Outturn', now ? now.outturn : null)],
        ['Variance', fig('Variance', now ? now.variance : null)],
        ['Movement', fig('Movement', now ? now.movement : null)]], 'rows totals'));
    });
    item.dataset.pool = p.pool;
    item.setAttribute('expanded', ''); // a handful of figures per pool: shown open
    list.appendChild(item);
  }
  s.appendChild(list);
  s.appendChild(el(doc, 'p', 'legend', 'Each partner\'s projected risk share and final cost, line by line, are on '
    + 'the Monitoring sheet, with a chart of each pool\'s variance by period.'));
  root.replaceChildren(s);
}
