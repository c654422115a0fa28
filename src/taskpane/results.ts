/**
 * The results view: per pool its budget, outturn, variance and reserve, and each partner's risk
 * share, final cost and balance; failed pools with their errors; a small chart of variance by
 * pool; the positions; who pays whom after netting, with what netting saved. Amounts are the
 * engine's exact strings, grouped for reading (never re-computed in floating point); the chart's
 * bar lengths are the only floats, and they are pixels. After Build, each figure is a button to
 * the cell it was written to. User text goes in with `textContent` only.
 */
import { Decimal, groupMoney } from '../engine/money';
import { isFailedPool, type FailedPoolResult, type PoolResult, type RunResult, type Warning } from '../engine/types';
import type { CellLink, FigureRef, Linker } from './links';
import { el, place, oneLine } from './view';

/** "1,234,567.89", "−2,800.00": an exact amount string grouped, with a true minus sign. */
export function amount(s: string): string {
  return groupMoney(new Decimal(s)).replace(/^-/, '\u2212');
}

type Pick = (link: CellLink) => void;

/** A figure: a plain span, or (linked) a button that selects its cell. */
function figure(doc: Document, value: string, ref: FigureRef, linker: Linker | null, onPick: Pick): HTMLElement {
  const link = linker ? linker(ref) : null;
  if (!link) return el(doc, 'span', 'fig', amount(value));
  const b = el(doc, 'button', 'fig link', amount(value));
  b.type = 'button';
  b.title = `Go to ${link.sheet}!${link.cell}`;
  b.dataset.cell = `${link.sheet}!${link.cell}`;
  b.addEventListener('click', () => onPick(link));
  return b;
}

export function table(
  doc: Document, caption: string, headers: string[], rows: Array<Array<Node | string>>,
): HTMLTableElement {
  const t = el(doc, 'table', 'figures');
  t.appendChild(el(doc, 'caption', 'sr-only', caption));
  const head = t.createTHead().insertRow();
  headers.forEach((h, i) => {
    const th = el(doc, 'th', i ? 'num' : undefined, h);
    th.scope = 'col';
    head.appendChild(th);
  });
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    r.forEach((c, i) => {
      const cell = i === 0 ? el(doc, 'th', undefined) : el(doc, 'td', 'num');
      if (i === 0) (cell as HTMLTableCellElement).scope = 'row';
      cell.append(c);
      tr.appendChild(cell);
    });
  }
  return t;
}

/** Variance by pool as horizontal bars about a zero line: overspend right, underspend left. */
export function varianceChart(doc: Document, pools: PoolResult[]): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg';
  const rowH = 18;
  const W = 300;
  const labelW = 86;
  const mid = labelW + (W - labelW) / 2;
  const half = (W - labelW) / 2 - 4;
  const max = pools.reduce((m, p) => Decimal.max(m, new Decimal(p.variance).abs()), new Decimal(0));
  const svg = doc.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${pools.length * rowH + 4}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Variance by pool: ${pools.map((p) => `${p.pool} ${amount(p.variance)}`).join('; ')}`);
  const make = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  };
  pools.forEach((p, i) => {
    const v = new Decimal(p.variance);
    const len = max.isZero() ? 0 : v.abs().dividedBy(max).times(half).toNumber();
    const y = i * rowH + 2;
    const label = p.pool.length > 14 ? `${p.pool.slice(0, 13)}…` : p.pool;
    make('text', { x: labelW - 4, y: y + 12, 'text-anchor': 'end', class: 'label' }, label);
    make('rect', { x: v.isNegative() ? mid - len : mid, y: y + 2, width: Math.max(len, 0.5), height: rowH - 6, rx: 2,
      class: v.isNegative() ? 'under' : v.isZero() ? 'zero' : 'over' });
  });
  make('line', { x1: mid, x2: mid, y1: 0, y2: pools.length * rowH + 4, class: 'axis' });
  return svg;
}

function failedPool(doc: Document, p: FailedPoolResult, onWarning: (w: Warning) => void): HTMLElement {
  const d = el(doc, 'details', 'pool failed');
  d.open = true;
  const s = el(doc, 'summary');
  const n = p.errors.length;
  s.append(el(doc, 'span', 'name', p.pool), el(doc, 'span', 'badge error', `not run: ${n} error${n === 1 ? '' : 's'}`));
  d.appendChild(s);
  const ul = el(doc, 'ul', 'errors');
  for (const w of p.errors) {
    const li = el(doc, 'li');
    const where = place(w);
    const item = w.sheet && w.cell ? el(doc, 'button', 'pick') : el(doc, 'span', 'pick');
    if (item instanceof HTMLButtonElement) {
      item.type = 'button';
      item.addEventListener('click', () => onWarning(w));
    }
    item.append(el(doc, 'span', 'where', where), el(doc, 'span', 'message', oneLine(w)));
    li.appendChild(item);
    ul.appendChild(li);
  }
  d.appendChild(ul);
  return d;
}

function pool(doc: Document, p: PoolResult, linker: Linker | null, onPick: Pick): HTMLElement {
  const d = el(doc, 'details', 'pool');
  const s = el(doc, 'summary');
  const v = new Decimal(p.variance);
  const side = v.isNegative() ? 'under' : 'over';
  const badge = el(doc, 'span', `badge ${v.isZero() ? '' : side}`, `${side} ${amount(v.abs().toFixed(2))}`);
  s.append(el(doc, 'span', 'name', p.pool), badge);
  d.appendChild(s);
  d.appendChild(el(doc, 'p', 'meta', `${p.kind}, ${p.method}${p.host ? `, host ${p.host}` : ''}`));
  const fig = (header: string, value: string) =>
    figure(doc, value, { table: 'tblPoolResults', key: { Pool: p.pool }, header }, linker, onPick);
  const dl = el(doc, 'dl', 'totals');
  const items: Array<[string, string]> = [['Budget', p.budget], ['Outturn', p.outturn], ['Variance', p.variance],
    ['Reserve used', p.reserveUsed], ['Reserve carried', p.reserveCarried]];
  if (!new Decimal(p.unallocated).isZero()) items.push(['Unallocated', p.unallocated]);
  for (const [label, value] of items) {
    const wrap = el(doc, 'div');
    const dd = el(doc, 'dd');
    dd.appendChild(fig(label, value));
    wrap.append(el(doc, 'dt', undefined, label), dd);
    dl.appendChild(wrap);
  }
  d.appendChild(dl);
  const partnerFig = (partner: string, header: string, value: string) =>
    figure(doc, value, { table: /^tblP\d+Pools$/, first: ['Partner', partner], key: { Pool: p.pool }, header },
      linker, onPick);
  const caption = `${p.pool}: each partner's risk share, final cost and balance`;
  const rows = p.partners.map((x) => [x.partner, partnerFig(x.partner, 'Risk share', x.riskShare),
    partnerFig(x.partner, 'Final cost', x.finalCost), partnerFig(x.partner, 'Balance', x.balance)]);
  d.appendChild(table(doc, caption, ['Partner', 'Risk share', 'Final cost', 'Balance'], rows));
  return d;
}

/** Renders a run's results into `root`; `linker` (after Build) makes each figure go to its cell. */
export function renderResults(
  root: HTMLElement, result: RunResult, linker: Linker | null, onPick: Pick, onWarning: (w: Warning) => void,
): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  const ran = result.pools.filter((p): p is PoolResult => !isFailedPool(p));
  const failed = result.pools.filter(isFailedPool);
  const h = el(doc, 'h2', undefined, 'Year-end results');
  root.appendChild(h);
  const units = result.units === '£' ? 'Pounds' : "Thousands of pounds (£'000)";
  root.appendChild(el(doc, 'p', 'meta', `${units}; year from ${result.year.start}; ` +
    `${ran.length} of ${result.pools.length} pools ran.${linker ? ' Click a figure to go to its cell.' : ''}`));
  if (ran.length) {
    root.appendChild(el(doc, 'h3', undefined, 'Variance by pool'));
    root.appendChild(varianceChart(doc, ran));
    root.appendChild(el(doc, 'p', 'legend', 'Right of the line: overspend; left: underspend.'));
  }
  const pools = el(doc, 'div', 'pools');
  for (const p of result.pools) {
    pools.appendChild(isFailedPool(p) ? failedPool(doc, p, onWarning) : pool(doc, p, linker, onPick));
  }
  if (failed.length === 0 && ran.length === 0) pools.appendChild(el(doc, 'p', undefined, 'No pools.'));
  root.appendChild(pools);

  const n = result.netting;
  root.appendChild(el(doc, 'h3', undefined, 'Positions'));
  root.appendChild(el(doc, 'p', 'legend', 'Positive owes; negative is owed.'));
  root.appendChild(table(doc, 'Positions', ['Partner', 'Position'], result.positions.map((p) =>
    [p.partner, figure(doc, p.position, { table: 'tblPositions', key: { Partner: p.partner }, header: 'Position' },
      linker, onPick)])));
  root.appendChild(el(doc, 'h3', undefined, `Who pays whom (${n.mode} netting)`));
  if (n.payments.length === 0) root.appendChild(el(doc, 'p', undefined, 'Nobody pays anybody.'));
  else {
    root.appendChild(table(doc, 'Payments after netting', ['From → to', 'Amount'], n.payments.map((p) =>
      [`${p.from} → ${p.to}`, figure(doc, p.amount,
        { table: 'tblAfterNetting', key: { From: p.from, To: p.to }, header: 'Amount' }, linker, onPick)])));
  }
  if (n.grossCount === 0) return;
  const saved = new Decimal(n.grossValue).minus(n.netValue).toFixed(2);
  root.appendChild(el(doc, 'p', 'saving',
    `Netting: ${n.netCount} payment${n.netCount === 1 ? '' : 's'} instead of ${n.grossCount} ` +
    `(${n.grossCount - n.netCount} fewer), ` +
    `${amount(n.netValue)} instead of ${amount(n.grossValue)} (${amount(saved)} less moved).`));
}
