/**
 * A page per pool: its settings in words; the contribution table in the committee-report layout
 * (the layout src/workbook/blocks.ts reads back and checks), or its contributions by partner when
 * the grid is too wide for A4; the position (the period reported on, or the year end); each
 * partner's risk share; the lines; the savings at risk; the variance trend; and its warnings.
 * Then the warnings under no pool. Every heading is kept on a page with what it heads.
 */
import type { CellValue, Warning } from '../../engine/types';
import { Decimal } from '../../engine/money';
import { trendSvg } from './chart';
import { type Cell, block, count, esc, figure, monthText, page, tableHtml } from './format';
import { rag, ragMark, trueMinus } from './summary';
import { type Contributions, GRID_MAX_CELLS, GRID_MAX_PARTNERS, type Pack, type PoolView } from './pack';

/** A contribution grid's amount: a true minus below zero, an en dash for nothing (the report's zero). */
function gridAmount(d: Decimal): string {
  return d.isZero() ? '–' : figure(d);
}

/**
 * A pool's contribution table in the committee-report layout, as a 2-D grid of printed cells:
 * title then partner columns; units; lines (gross); Gross contribution; Less service user income;
 * Less grant funding; Net contribution. Null when the pool is too wide or long for a grid.
 */
export function contributionGrid(pack: Pack, pool: PoolView, c: Contributions): CellValue[][] | null {
  if (!c.lines) return null;
  const row = (text: string, amounts: Decimal[], sign = 1): CellValue[] =>
    [text, ...amounts.map((a) => gridAmount(sign < 0 ? a.negated() : a))];
  return [
    [`Pool ${pool.index}: ${pool.code}`, ...c.partners.map(pack.gridLabel)],
    [null, ...c.partners.map(() => pack.units)],
    ...c.lines.map((l) => row(l.line, l.gross)),
    row('Gross contribution', c.gross),
    row('Less service user income', c.income, -1),
    row('Less grant funding', c.grant, -1),
    row('Net contribution', c.gross.map((g, j) => g.minus(c.income[j]).minus(c.grant[j]))),
  ];
}

function gridHtml(grid: CellValue[][]): string {
  const cell = (v: CellValue, c: number, r: number) => {
    const tag = r === 0 || c === 0 ? 'th' : 'td';
    return `<${tag}>${v === null || v === undefined ? '' : esc(String(v))}</${tag}>`;
  };
  const tr = (row: CellValue[], r: number) => `<tr>${row.map((v, c) => cell(v, c, r)).join('')}</tr>`;
  const wide = (grid[0]?.length ?? 0) > 5 ? ' wide' : '';
  return `<table class="contributions${wide}">\n<thead>${tr(grid[0], 0)}</thead><tbody>\n`
    + `${grid.slice(1).map((row, r) => tr(row, r + 1)).join('\n')}\n</tbody></table>`;
}

/** The pool's contributions by partner: for a pool too wide (or long) for the committee-report grid. */
function byPartnerHtml(pack: Pack, pool: PoolView, c: Contributions): string {
  const lines = pool.lines?.length ?? c.partners.length;
  const why = c.partners.length > GRID_MAX_PARTNERS
    ? `${count(c.partners.length, 'partner')} are too many columns for an A4 page`
    : `${count(lines, 'line')} by ${count(c.partners.length, 'partner')} is more than ${GRID_MAX_CELLS} figures`;
  const rows = c.partners.map((p, j): Cell[] => [pack.partner(p), figure(c.gross[j]), figure(c.income[j].negated()),
    figure(c.grant[j].negated()), figure(c.gross[j].minus(c.income[j]).minus(c.grant[j]))]);
  return `<p class="note">${esc(`Shown by partner: ${why}. The line-by-line layout is in the workbook.`)}</p>`
    + tableHtml([{ head: 'Partner' }, { head: 'Gross', numeric: true }, { head: 'Less income', numeric: true },
      { head: 'Less grant', numeric: true }, { head: 'Net contribution', numeric: true }], rows);
}

const METHOD_WORDS: Record<string, string> = {
  proportional: 'in proportion to contributions', fixed: 'by the fixed percentages in RiskShare',
  lead: "to each line's lead partner", banded: 'by the bands in RiskShare',
};

/** The pool's settings in words: "Pooled fund hosted by Northshire County Council (CC); variance shared ...". */
export function settingsText(pack: Pack, pool: PoolView): string {
  const kind = pool.kind === 'aligned' ? 'Aligned budgets (each partner holds its own money)'
    : `Pooled fund${pool.host ? ` hosted by ${pack.partner(pool.host)}` : ''}`;
  const method = pool.method ? `; variance shared ${METHOD_WORDS[pool.method] ?? pool.method}` : '';
  return `${kind}${method}. Amounts in ${pack.units}.`;
}

/** A warning as a list item: severity, code, cell, the message; the pool it names when that is no pool. */
function warningItem(w: Warning, unknownPool: boolean): string {
  const table = w.table ? ` [${esc(w.table)}${w.row ? ` row ${w.row}` : ''}]` : '';
  const where = w.sheet ? ` [${esc(`${w.sheet}!${w.cell}`)}]` : table;
  const named = `names ${w.pool}, which is no pool of the workbook`;
  const pool = unknownPool && w.pool !== undefined ? ` (${esc(named)})` : '';
  const label = { error: 'Error', warning: 'Warning', info: 'Note' }[w.severity];
  return `<li class="${w.severity}"><b>${label}</b> <code>${esc(w.code)}</code>${where}${pool}: `
    + `<span class="message">${esc(trueMinus(w.message))}</span></li>`;
}

export function warningList(list: Warning[], unknownPool = false): string {
  if (list.length === 0) return '<p>None.</p>';
  return `<ul class="warnings">\n${list.map((w) => warningItem(w, unknownPool)).join('\n')}\n</ul>`;
}

function positionHtml(pack: Pack, pool: PoolView): string {
  const x = pool.position!;
  const columns = [{ head: 'Budget', numeric: true }, { head: 'Forecast', numeric: true },
    { head: 'Variance', numeric: true }];
  const row: Cell[] = [figure(pool.budget), figure(x.outturn), figure(x.variance)];
  if (x.asAt !== null) {
    columns.push({ head: `Movement since ${x.before ? monthText(x.before) : 'last report'}`, numeric: true });
    row.push(figure(x.movement));
  }
  columns.push({ head: 'Reserve used', numeric: true }, { head: 'To reserve', numeric: true });
  row.push(figure(x.reserveUsed), figure(x.reserveCarried));
  if (!new Decimal(x.unallocated).isZero()) {
    columns.push({ head: 'To the host (caps)', numeric: true });
    row.push(figure(x.unallocated));
  }
  const heading = `${x.asAt ? `Position as at ${monthText(x.asAt)}` : 'Year-end position'} (${pack.units})`;
  return block(heading, tableHtml(columns, [row], undefined, 'position'));
}

function partnersHtml(pack: Pack, pool: PoolView): string {
  const rows = pool.position!.partners.map((x): Cell[] =>
    [pack.partner(x.partner), figure(x.savingsCharge), figure(x.riskShare), figure(x.finalCost)]);
  return block('Risk share by partner', tableHtml([{ head: 'Partner' }, { head: 'Savings charge', numeric: true },
    { head: 'Risk share', numeric: true }, { head: 'Final cost', numeric: true }], rows));
}

function linesHtml(pool: PoolView): string {
  const rows = pool.lines!.map((l): Cell[] => [l.line + (l.assumed ? ' (on budget: no forecast yet)' : ''),
    figure(l.budget), figure(l.forecast), figure(l.variance), figure(l.movement)]);
  return block('Lines', tableHtml([{ head: 'Line' }, { head: 'Budget', numeric: true },
    { head: 'Forecast', numeric: true }, { head: 'Variance', numeric: true }, { head: 'Movement', numeric: true }],
  rows));
}

function savingsHtml(pack: Pack, pool: PoolView): string {
  if (pool.savingsAtRisk.length === 0) return '';
  const rows = pool.savingsAtRisk.map((s): Cell[] => [s.line, pack.partner(s.partner), figure(s.planned),
    figure(s.delivered), figure(s.shortfall), s.agreed ? 'yes' : 'no']);
  return block('Savings at risk', tableHtml([{ head: 'Line' }, { head: 'Partner' }, { head: 'Planned', numeric: true },
    { head: 'Delivered', numeric: true }, { head: 'Shortfall', numeric: true }, { head: 'Agreed' }], rows));
}

/** "May 25": short enough for a year of periods along the chart's axis. */
const shortMonth = (ym: string) => monthText(ym).replace(/^(\w{3})\w* \d\d(\d\d)$/, '$1 $2');

/** One pool's page. */
export async function poolPage(pack: Pack, pool: PoolView): Promise<string> {
  const out: string[] = [`<p>${esc(settingsText(pack, pool))}</p>`];
  const c = pack.contributions.get(pool.code);
  if (c) {
    const grid = contributionGrid(pack, pool, c);
    out.push(block('Contributions', grid ? gridHtml(grid) : byPartnerHtml(pack, pool, c)));
  }
  if (pool.errors) {
    const own = pool.warnings.filter((w) => w.severity === 'error').length;
    const where = own === pool.errors.length ? 'listed below'
      : own === 0 ? 'listed under "Other warnings" at the end' : 'listed below and under "Other warnings" at the end';
    out.push(block('Not run', `<p class="failed">${esc(`This pool was not run: ${count(pool.errors.length, 'error')}, `
      + `${where}. Its figures are not in the summary's totals.`)}</p>`));
  } else if (pool.position) {
    out.push(positionHtml(pack, pool), partnersHtml(pack, pool));
    if (pool.lines) out.push(linesHtml(pool));
    out.push(savingsHtml(pack, pool));
    if (pool.trend.length > 0) {
      const points = pool.trend.map((t) => ({ period: shortMonth(t.period), variance: Number(t.variance) }));
      out.push(block('Variance trend', `<figure>${await trendSvg(pool.title, points, pack.units)}</figure>`));
    }
  }
  out.push(block('Warnings', warningList(pool.warnings)));
  const mark = pool.errors ? '<span class="rag none">Not run</span>' : pool.position ? ragMark(rag(pool)) : '';
  const heading = /^pool\b/i.test(pool.title) ? pool.title : `Pool ${pool.title}`;
  return `<section class="pool page" id="${pool.id}"><h2>${esc(heading)} ${mark}</h2>\n`
    + `${out.filter((x) => x !== '').join('\n')}\n</section>`;
}

/** The warnings under no pool: workbook-wide ones, and those naming a pool or report block that is no pool. */
export function otherWarningsPage(pack: Pack): string {
  if (pack.general.length === 0) return '';
  const codes = new Set(pack.pools.map((p) => p.code));
  const unknown = pack.general.some((w) => w.pool !== undefined && !codes.has(w.pool));
  return page('Other warnings', `<p>${esc(`${count(pack.general.length, 'item')} not tied to a pool of the workbook.`)}`
    + '</p>\n' + warningList(pack.general, unknown), 'other-warnings');
}
