/**
 * The results view, answer first: (1) the summary — how far to trust it (all pools ran, or a
 * banner naming the pools left out of every figure), who pays whom after netting, in words and £
 * with partner names, and each partner's position; (2) the pools, a compact list that opens per
 * pool (totals, then each partner's risk share, final cost and balance), failed pools saying
 * "not run: n errors" with a way to their errors; (3) variance by pool, with values and a scale.
 * The warnings follow (view.ts). Amounts are the engine's exact strings, shown by format.ts;
 * the chart's bar lengths are the only floats, and they are percentages of a width. After Build,
 * each figure is a button to the cell it was written to (shown on hover and focus). User text goes
 * in with `textContent` only.
 */
import { Decimal } from '../engine/money';
import {
  isFailedPool, type FailedPoolResult, type PoolResult, type RunResult, type Units,
} from '../engine/types';
import {
  amount, listText, money, namesOf, periodText, plural, settingsText, unitsText, yearText, type Names,
} from './format';
import { amountHeader } from '../workbook/output';
import type { CellLink, FigureRef, Linker } from './links';
import { accordion, badge, el, lazyItem, messageBar } from './view';

export { amount };

/** What a view needs besides the result: the links to cells (after a write), and what a click does. */
export interface ViewContext {
  linker: Linker | null;
  onPick: (link: CellLink) => void;
  /** Show a failed pool's errors (the warnings view filtered to that pool). */
  showErrors: (pool: string) => void;
}

/** One part of the summary, in the order shown: a part returns nothing when it has nothing to say. */
export type SummaryPart = (doc: Document, r: RunResult, names: Names, ctx: ViewContext) => HTMLElement | null;

/** A figure: a plain span, or (linked) a button that selects its cell; the cell shows on hover and focus. */
export function figure(
  doc: Document, value: string, units: Units, ref: FigureRef | null, ctx: ViewContext, cls = '',
): HTMLElement {
  const link = ref && ctx.linker ? ctx.linker(ref) : null;
  const text = money(value, units);
  if (!link) return el(doc, 'span', `fig ${cls}`.trim(), text);
  const b = el(doc, 'button', `fig link ${cls}`.trim(), text);
  b.type = 'button';
  b.title = `Go to ${link.sheet}!${link.cell}`;
  b.dataset.cell = `${link.sheet}!${link.cell}`;
  b.setAttribute('aria-describedby', 'fig-hint');
  b.addEventListener('click', () => ctx.onPick(link));
  return b;
}

/** Label / figure rows (one column at every width, so figures never run together). */
export function figureRows(doc: Document, rows: Array<[string, HTMLElement]>, cls = 'rows'): HTMLElement {
  const dl = el(doc, 'dl', cls);
  for (const [label, fig] of rows) {
    const row = el(doc, 'div', 'row');
    const dd = el(doc, 'dd');
    dd.appendChild(fig);
    row.append(el(doc, 'dt', undefined, label), dd);
    dl.appendChild(row);
  }
  return dl;
}

function section(doc: Document, cls: string, title: string, level: 'h2' | 'h3' = 'h3'): HTMLElement {
  const s = el(doc, 'section', cls);
  const h = el(doc, level, undefined, title);
  h.id = `h-${cls.split(' ')[0]}`;
  s.setAttribute('aria-labelledby', h.id);
  s.appendChild(h);
  return s;
}

/** How far to trust the figures: every pool ran, or which were left out of every figure. */
export const trustPart: SummaryPart = (doc, r, names, ctx) => {
  const failed = r.pools.filter(isFailedPool);
  if (r.pools.length === 0) return messageBar(doc, 'warning', 'No pools found: add rows to the Pools table.', 'trust');
  if (failed.length === 0) {
    return messageBar(doc, 'success', `All ${plural(r.pools.length, 'pool')} ran: the figures below cover them all.`,
      'trust');
  }
  const ran = r.pools.length - failed.length;
  const left = listText(failed.map((p) => names.pool(p.pool)));
  const text = `${failed.length} of ${r.pools.length} pools not run: ${left}. `
    + (ran ? `Every figure below leaves ${failed.length === 1 ? 'it' : 'them'} out. `
      : 'There are no figures until their errors are fixed. ')
    + 'Fix their errors, then run again.';
  const bar = messageBar(doc, ran ? 'warning' : 'error', text, 'trust partial');
  const show = el(doc, 'fluent-button', 'show-errors', 'Show the errors');
  show.setAttribute('slot', 'actions');
  show.setAttribute('size', 'small');
  show.addEventListener('click', () => ctx.showErrors(failed.length === 1 ? failed[0].pool : ''));
  bar.appendChild(show);
  return bar;
};

/** Who pays whom after netting, in words. */
export const paymentsPart: SummaryPart = (doc, r, names, ctx) => {
  if (!r.pools.some((p) => !isFailedPool(p))) return null;
  const n = r.netting;
  const s = section(doc, 'payments', 'Who pays whom');
  if (n.payments.length === 0) {
    s.appendChild(el(doc, 'p', undefined, 'Nobody pays anybody: every partner is square.'));
    return s;
  }
  const ul = el(doc, 'ul', 'payments');
  for (const p of n.payments) {
    const li = el(doc, 'li');
    const who = el(doc, 'span', 'who');
    who.append(el(doc, 'strong', undefined, names.partner(p.from)), ' pays ',
      el(doc, 'strong', undefined, names.partner(p.to)));
    li.append(who, figure(doc, p.amount, r.units,
      { table: 'tblAfterNetting', key: { From: p.from, To: p.to }, header: 'Amount' }, ctx, 'big'));
    ul.appendChild(li);
  }
  s.appendChild(ul);
  if (n.grossCount > n.netCount) {
    s.appendChild(el(doc, 'p', 'saving', `After ${n.mode} netting: ${plural(n.netCount, 'payment')} instead of `
      + `${n.grossCount}, ${money(n.netValue, r.units)} moved instead of ${money(n.grossValue, r.units)}.`));
  }
  return s;
};

/** Each partner's position: what it owes or is owed over all the pools that ran. */
export const positionsPart: SummaryPart = (doc, r, names, ctx) => {
  if (r.positions.length === 0 || !r.pools.some((p) => !isFailedPool(p))) return null;
  const s = section(doc, 'positions', 'Each partner\'s position');
  const rows: Array<[string, HTMLElement]> = r.positions.map((p) => {
    const v = new Decimal(p.position);
    const wrap = el(doc, 'span', 'position');
    const words = v.isZero() ? 'square' : v.isNegative() ? 'is owed' : 'owes';
    wrap.append(el(doc, 'span', 'words', words), ' ', figure(doc, v.isZero() ? p.position : v.abs().toFixed(2),
      r.units, { table: 'tblPositions', key: { Partner: p.partner }, header: 'Position' }, ctx));
    return [names.partner(p.partner), wrap];
  });
  s.appendChild(figureRows(doc, rows));
  return s;
};

/**
 * The balances each pair of partners joined by a pool agrees (yearend.md, section 3): who owes whom
 * for each pair, marked where it is at or above the Statement threshold; opened, the pair's pools
 * (instalments outstanding, year-end part, balance). Figures go to the Statements sheet.
 */
export const statementsPart: SummaryPart = (doc, r, names, ctx) => {
  const statements = r.statements ?? [];
  if (statements.length === 0 || !r.pools.some((p) => !isFailedPool(p))) return null;
  const s = section(doc, 'statements', `Balances to agree at ${periodText(statements[0].date)}`);
  const marked = statements.filter((st) => st.marked).length;
  s.appendChild(el(doc, 'p', 'meta', `One line per pair of partners joined by a pool. `
    + (marked ? `${plural(marked, 'pair')} at or above the Statement threshold must be agreed by both sides.`
      : 'None is at or above the Statement threshold.')));
  const balance = amountHeader('Balance', r.units);
  const list = accordion(doc, 'pairs');
  statements.forEach((st, i) => {
    const b = new Decimal(st.balance);
    const [from, to] = b.isNegative() ? [st.counterparty, st.partner] : [st.partner, st.counterparty];
    const who = el(doc, 'span', 'who');
    if (b.isZero()) {
      who.append(el(doc, 'strong', undefined, names.partner(st.partner)), ' and ',
        el(doc, 'strong', undefined, names.partner(st.counterparty)), ': nothing owed either way');
    } else {
      // Plain text in the heading (it sits inside the accordion's button); the linked figure is in the panel.
      who.append(el(doc, 'strong', undefined, names.partner(from)), ' owes ',
        el(doc, 'strong', undefined, names.partner(to)), ' ',
        el(doc, 'span', 'sum', money(b.abs().toFixed(2), r.units)));
    }
    const heading: Node[] = [who];
    if (st.marked) heading.push(badge(doc, 'to agree', 'warning', 'state'));
    const item = lazyItem(doc, st.marked ? 'pair marked' : 'pair', heading, (panel) => {
      panel.appendChild(el(doc, 'p', 'meta', `Positive: ${names.partner(st.partner)} owes `
        + `${names.partner(st.counterparty)}.`));
      const pair = { Partner: st.partner, Counterparty: st.counterparty };
      const total = figure(doc, st.balance, r.units, { table: 'tblStatements', key: pair, header: balance }, ctx);
      panel.appendChild(figureRows(doc, [['Balance, all pools', total]], 'rows totals'));
      const ref = (pool: string, header: string): FigureRef =>
        ({ table: `tblStatement${i + 1}`, key: { Pool: pool }, header: amountHeader(header, r.units) });
      for (const l of st.lines) {
        panel.appendChild(el(doc, 'h4', undefined, names.pool(l.pool)));
        const row = (label: string, value: string): [string, HTMLElement] =>
          [label, figure(doc, value, r.units, ref(l.pool, label), ctx)];
        panel.appendChild(figureRows(doc, [row('Instalments outstanding', l.instalmentsOutstanding),
          row('Year-end part', l.yearEnd), row('Balance', l.balance)]));
      }
    });
    item.dataset.pair = `${st.partner}-${st.counterparty}`;
    list.appendChild(item);
  });
  s.appendChild(list);
  return s;
};

/**
 * The summary's parts, in order: how far to trust it, who pays whom, each partner's position, then
 * the balances the pairs agree. A new part goes in this list where it should read.
 */
export const SUMMARY_PARTS: SummaryPart[] = [trustPart, paymentsPart, positionsPart, statementsPart];

/** Variance by pool: a bar per pool from a zero line placed where the figures need it, the value beside, a scale. */
export function varianceChart(doc: Document, pools: PoolResult[], names: Names, units: Units): HTMLElement {
  const vs = pools.map((p) => new Decimal(p.variance));
  const hi = Decimal.max(0, ...vs);
  const lo = Decimal.min(0, ...vs).abs();
  const span = hi.plus(lo);
  const pct = (d: Decimal) => (span.isZero() ? 0 : d.dividedBy(span).times(100).toNumber());
  const zero = pct(lo);
  const box = el(doc, 'figure', 'chart');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Variance by pool');
  const list = el(doc, 'ul', 'bars');
  pools.forEach((p, i) => {
    const v = vs[i];
    const li = el(doc, 'li');
    const track = el(doc, 'span', 'track');
    track.setAttribute('aria-hidden', 'true');
    const bar = el(doc, 'span', `vbar ${v.isNegative() ? 'under' : v.isZero() ? 'zero' : 'over'}`);
    bar.style.left = `${v.isNegative() ? zero - pct(v.abs()) : zero}%`;
    bar.style.width = `${Math.max(pct(v.abs()), 0.5)}%`;
    const axis = el(doc, 'span', 'axis');
    axis.style.left = `${zero}%`;
    track.append(bar, axis);
    const side = v.isZero() ? 'on budget' : v.isNegative() ? 'under' : 'over';
    li.append(el(doc, 'span', 'label', names.pool(p.pool)), track,
      el(doc, 'span', 'value', `${side === 'on budget' ? '' : `${side} `}${money(v.abs().toFixed(2), units)}`));
    list.appendChild(li);
  });
  box.appendChild(list);
  // The scale: the ends and zero, under the bars' track.
  const scale = el(doc, 'div', 'scale');
  scale.setAttribute('aria-hidden', 'true');
  const tick = (at: number, text: string, cls: string) => {
    const t = el(doc, 'span', `tick ${cls}`, text);
    t.style.left = `${at}%`;
    scale.appendChild(t);
  };
  // Zero is labelled where it does not crowd an end's label (the axis line marks it anyway).
  if (!lo.isZero()) tick(0, `\u2212${short(lo, units)}`, 'start');
  if (zero === 0 || zero === 100 || (zero >= 25 && zero <= 75)) {
    tick(zero, '0', zero === 0 ? 'start' : zero === 100 ? 'end' : 'mid');
  }
  if (!hi.isZero()) tick(100, short(hi, units), 'end');
  box.appendChild(scale);
  box.appendChild(el(doc, 'figcaption', 'legend', 'Right of 0: overspend; left of 0: underspend.'));
  return box;
}

/** A scale label: "£2.1m", "£450k", "£900" (rounded: a label, not a figure). */
function short(d: Decimal, units: Units): string {
  const pounds = units === '£' ? d : d.times(1000);
  if (pounds.gte(1e6)) return `£${pounds.dividedBy(1e6).toDecimalPlaces(1).toString()}m`;
  if (pounds.gte(1e3)) return `£${pounds.dividedBy(1e3).toDecimalPlaces(0).toString()}k`;
  return `£${pounds.toDecimalPlaces(0).toString()}`;
}

function failedPool(doc: Document, p: FailedPoolResult, names: Names, ctx: ViewContext): HTMLElement {
  const n = p.errors.length;
  const item = lazyItem(doc, 'pool failed', [el(doc, 'span', 'name', names.pool(p.pool)),
    badge(doc, `not run: ${plural(n, 'error')}`, 'danger', 'state')], (panel) => {
    const settings = settingsText(p, names);
    if (settings) panel.appendChild(el(doc, 'p', 'meta', settings));
    panel.appendChild(el(doc, 'p', undefined, 'This pool has errors, so it was not run: every figure on this pane '
      + 'leaves it out.'));
    const b = el(doc, 'fluent-button', 'show-errors', `Show its ${plural(n, 'error')}`);
    b.setAttribute('size', 'small');
    b.addEventListener('click', () => ctx.showErrors(p.pool));
    panel.appendChild(b);
  });
  item.dataset.pool = p.pool;
  return item;
}

function pool(doc: Document, p: PoolResult, names: Names, units: Units, ctx: ViewContext): HTMLElement {
  const v = new Decimal(p.variance);
  const side = v.isZero() ? 'on budget' : v.isNegative() ? 'under' : 'over';
  const state = badge(doc, side === 'on budget' ? side : `${side} ${money(v.abs().toFixed(2), units)}`,
    side === 'over' ? 'danger' : side === 'under' ? 'success' : 'informative', 'state');
  const item = lazyItem(doc, 'pool', [el(doc, 'span', 'name', names.pool(p.pool)), state], (panel) => {
    panel.appendChild(el(doc, 'p', 'meta', settingsText(p, names)));
    const fig = (header: string, value: string) =>
      figure(doc, value, units, { table: 'tblPoolResults', key: { Pool: p.pool }, header }, ctx);
    const items: Array<[string, string]> = [['Budget', p.budget], ['Outturn', p.outturn], ['Variance', p.variance],
      ['Reserve used', p.reserveUsed], ['Reserve carried', p.reserveCarried]];
    if (!new Decimal(p.unallocated).isZero()) items.push(['Unallocated', p.unallocated]);
    panel.appendChild(figureRows(doc, items.map(([label, value]) => [label, fig(label, value)]), 'rows totals'));
    panel.appendChild(el(doc, 'h4', undefined, 'By partner'));
    for (const x of p.partners) {
      const pf = (header: string, value: string) => figure(doc, value, units,
        { table: /^tblP\d+Pools$/, first: ['Partner', x.partner], key: { Pool: p.pool }, header }, ctx);
      const block = el(doc, 'div', 'partner');
      block.appendChild(el(doc, 'p', 'who', names.partner(x.partner)));
      block.appendChild(figureRows(doc, [['Risk share', pf('Risk share', x.riskShare)],
        ['Final cost', pf('Final cost', x.finalCost)], ['Balance', pf('Balance', x.balance)]]));
      panel.appendChild(block);
    }
  });
  item.dataset.pool = p.pool;
  return item;
}

/** The pools: one line each (name, and over/under or "not run"), opening to its figures. */
export function poolsSection(doc: Document, r: RunResult, names: Names, ctx: ViewContext): HTMLElement {
  const s = section(doc, 'pools-section', 'Pools', 'h2');
  if (r.pools.length === 0) {
    s.appendChild(el(doc, 'p', undefined, 'No pools.'));
    return s;
  }
  const list = accordion(doc, 'pools');
  for (const p of r.pools) {
    list.appendChild(isFailedPool(p) ? failedPool(doc, p, names, ctx) : pool(doc, p, names, r.units, ctx));
  }
  s.appendChild(list);
  const ran = r.pools.filter((p): p is PoolResult => !isFailedPool(p));
  if (ran.length) {
    s.appendChild(el(doc, 'h3', undefined, 'Variance by pool'));
    s.appendChild(varianceChart(doc, ran, names, r.units));
  }
  return s;
}

/** Renders a run's results into `root`: the summary (SUMMARY_PARTS), then the pools. */
export function renderResults(
  root: HTMLElement, result: RunResult, ctx: ViewContext, title = 'Year-end results',
): void {
  const doc = root.ownerDocument;
  const names = namesOf(result);
  const summary = section(doc, 'summary', `${title} ${yearText(result.year.start)}`, 'h2');
  summary.appendChild(el(doc, 'p', 'meta', `Figures in ${unitsText(result.units)}.`
    + (ctx.linker ? ' Select a figure to go to its cell.' : '')));
  for (const part of SUMMARY_PARTS) {
    const node = part(doc, result, names, ctx);
    if (node) summary.appendChild(node);
  }
  root.replaceChildren(summary, poolsSection(doc, result, names, ctx));
}
