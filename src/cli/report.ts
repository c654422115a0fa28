/**
 * The committee pack (issue 13): `poolshare report FILE --out PACK.html [--period P]`. One
 * self-contained HTML file (no script, font, image or style sheet to fetch) that prints to A4, a
 * page per pool: the contribution table in the committee-report layout (the layout
 * src/workbook/blocks.ts reads back and checks), the period position (or the year end when there
 * are no Forecasts), each partner's risk share, the variance trend chart (Vega-Lite compiled to
 * Vega, rendered to SVG in Node with renderer 'none'), and the warnings. Every text is escaped.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { CellValue, PoolResult, Warning, WorkbookInput } from '../engine/types';
import { isFailedPool } from '../engine/types';
import type { MonitorPartner, MonitorResult } from '../engine/monitor/types';
import { isMonitorPool } from '../engine/monitor/types';
import { Decimal, groupMoney, sum } from '../engine/money';
import { parseNumber } from '../engine/numbers';
import { readTables } from '../engine/tables';
import { buildModel } from '../engine/model';
import { Warnings } from '../engine/warnings';
import { run } from '../engine';
import { promises as fs } from 'fs';
import { isInput } from './files';
import { save } from './xlsx-write';

/** HTML-escapes user text. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An amount as a committee report prints it: 1,234.50; (1,234.50) below zero; - for nothing. */
function printed(d: Decimal): string {
  if (d.isZero()) return '-';
  return d.isNegative() ? `(${groupMoney(d.negated())})` : groupMoney(d);
}

const fmt = (s: string | null) => (s === null ? '–' : groupMoney(new Decimal(s)));

/**
 * Each pool's contribution table in the committee-report layout, as a 2-D grid of printed cells:
 * title then partner columns; units; lines (gross); Gross contribution; Less service user income;
 * Less grant funding; Net contribution. Partners are headed by name (their code when names clash).
 */
export function contributionGrids(input: WorkbookInput, units: string): Map<string, CellValue[][]> {
  const tables = readTables(input, new Warnings());
  const model = buildModel(tables, new Warnings());
  const names = [...model.names.values()];
  const label = (code: string) => {
    const name = model.names.get(code) ?? code;
    const clash = names.filter((n) => n === name).length > 1;
    return clash || parseNumber(name).kind !== 'invalid' ? code : name;
  };
  const grids = new Map<string, CellValue[][]>();
  model.pools.forEach((pool, i) => {
    const partners = model.partners.filter((p) => pool.contributions.some((c) => c.partner === p));
    const of = (pick: (c: (typeof pool.contributions)[number]) => Decimal, line?: string) => partners.map((p) =>
      sum(pool.contributions.filter((c) => c.partner === p && (line === undefined || c.line === line)).map(pick)));
    const row = (text: string, amounts: Decimal[], sign = 1): CellValue[] =>
      [text, ...amounts.map((a) => printed(sign < 0 ? a.negated() : a))];
    const gross = of((c) => c.gross);
    const income = of((c) => c.income);
    const grant = of((c) => c.grant);
    grids.set(pool.name, [
      [`Pool ${i + 1}: ${pool.name}`, ...partners.map(label)],
      [null, ...partners.map(() => units)],
      ...pool.lines.map((l) => row(l.name, of((c) => c.gross, l.name))),
      row('Gross contribution', gross),
      row('Less service user income', income, -1),
      row('Less grant funding', grant, -1),
      row('Net contribution', gross.map((g, j) => g.minus(income[j]).minus(grant[j]))),
    ]);
  });
  return grids;
}

function gridHtml(grid: CellValue[][]): string {
  const cell = (v: CellValue, c: number, r: number) => {
    const tag = r === 0 || c === 0 ? 'th' : 'td';
    return `<${tag}>${v === null || v === undefined ? '' : esc(String(v))}</${tag}>`;
  };
  const rows = grid.map((row, r) => `<tr>${row.map((v, c) => cell(v, c, r)).join('')}</tr>`);
  const wide = (grid[0]?.length ?? 0) > 5 ? ' wide' : '';
  return `<table class="contributions${wide}">\n${rows.join('\n')}\n</table>`;
}

function table(headers: string[], rows: string[][], numeric: boolean[]): string {
  const td = (v: string, i: number) => `<td${numeric[i] ? ' class="n"' : ''}>${esc(v)}</td>`;
  return `<table><tr>${headers.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''}>${esc(h)}</th>`).join('')}</tr>\n` +
    rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n') + '</table>';
}

/** The variance trend as inline SVG: Vega-Lite compiled, rendered by Vega with no browser. */
export async function trendSvg(
  pool: string, points: Array<{ period: string; variance: number }>, units: string,
): Promise<string> {
  const spec = compile({
    width: 440, height: 120, background: 'white',
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Period', axis: { labelAngle: 0 } },
      y: { field: 'variance', type: 'quantitative', title: `Variance (${units})` },
    },
    config: { font: 'sans-serif' },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Inline SVG in HTML needs no namespace attributes (they are URLs, though nothing loads them).
    const label = esc(`Variance by period, ${pool}`);
    // A replacer function: a `$` in a pool's name is text, never a replacement pattern.
    const bare = svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
    return bare.replace('<svg ', () => `<svg role="img" aria-label="${label}" `);
  } finally {
    view.finalize();
  }
}

function warningList(list: Warning[]): string {
  if (list.length === 0) return '<p>None.</p>';
  return '<ul class="warnings">' + list.map((w) =>
    `<li class="${w.severity}"><b>${esc(w.severity)} ${esc(w.code)}</b>` +
    `${w.sheet ? ` [${esc(`${w.sheet}!${w.cell}`)}]` : ''}: ${esc(w.message)}</li>`).join('') + '</ul>';
}

const CSS = `
@page { size: A4; margin: 15mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; margin: 0 0 6pt; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2pt 5pt; text-align: left; vertical-align: top; }
td.n, th.n, table.contributions td { text-align: right; }
table.contributions tr:last-child, table.contributions tr:nth-last-child(4) { font-weight: bold; }
table.wide { font-size: 7.5pt; }
section.pool + section.pool { page-break-before: always; break-before: page; }
figure { margin: 0; page-break-inside: avoid; }
li.error { color: #a00; } li.warning { color: #850; }
@media print { body { max-width: none; } }
`;

/** The whole pack as one HTML string. */
export async function buildPack(input: WorkbookInput, result: MonitorResult): Promise<string> {
  const grids = contributionGrids(input, result.units);
  const yearEnd = result.periods.length === 0 ? run(input) : null;
  const u = result.units;
  const title = result.period ? `as at ${result.period}` : 'year-end forecast';
  const out: string[] = [
    '<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(`Section 75 pooled budgets: monitoring ${title}`)}</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(`Section 75 pooled budgets: monitoring ${title}`)}</h1>`,
    `<p>${esc(`Amounts in ${u}. Financial year from ${result.year.start}. Periods reported: ` +
      `${result.periods.join(', ') || 'none (the year-end forecast in Lines is shown)'}.`)}</p>`,
  ];
  for (const pool of result.pools) {
    out.push(`<section class="pool"><h2>${esc(`Pool: ${pool.pool}`)}</h2>`);
    const grid = grids.get(pool.pool);
    if (grid) out.push('<h3>Contributions</h3>', gridHtml(grid));
    const mine = result.warnings.filter((w) => w.pool === pool.pool);
    if (!isMonitorPool(pool)) {
      out.push('<h3>Not projected: the pool has errors</h3>', warningList(pool.errors), '</section>');
      continue;
    }
    const now = pool.periods[pool.periods.length - 1];
    const ye = yearEnd?.pools.find((p): p is PoolResult => p.pool === pool.pool && !isFailedPool(p));
    const pos = now ?? ye;
    if (pos) {
      const rows: string[][] = [['Budget (net contributions)', fmt(pool.budget)],
        ['Forecast outturn', fmt(pos.outturn)],
        ['Variance (overspend +)', fmt(pos.variance)]];
      const before = pool.periods[pool.periods.length - 2]?.period ?? 'last report';
      if (now) rows.push([`Movement since ${before}`, fmt(now.movement)]);
      rows.push(['Reserve used', fmt(pos.reserveUsed)], ['Underspend carried in reserve', fmt(pos.reserveCarried)],
        ['Fell to the host under caps', fmt(pos.unallocated)]);
      const heading = now ? `Position as at ${now.period}` : 'Year-end position';
      out.push(`<h3>${esc(heading)}</h3>`, table(['', u], rows, [false, true]));
      const partners: MonitorPartner[] = pos.partners;
      out.push('<h3>Risk share by partner</h3>', table(['Partner', 'Savings charge', 'Risk share', 'Final cost'],
        partners.map((x) => [x.partner, fmt(x.savingsCharge), fmt(x.riskShare), fmt(x.finalCost)]),
        [false, true, true, true]));
    }
    if (now) {
      out.push('<h3>Lines</h3>', table(['Line', 'Budget', 'Forecast', 'Variance', 'Movement'],
        now.lines.map((l) => [l.line + (l.assumed ? ' (on budget: no forecast yet)' : ''), fmt(l.budget),
          fmt(l.forecast),
          fmt(l.variance), fmt(l.movement)]), [false, true, true, true, true]));
      if (now.savingsAtRisk.length > 0) {
        out.push('<h3>Savings at risk</h3>', table(['Line', 'Partner', 'Planned', 'Delivered', 'Shortfall', 'Agreed'],
          now.savingsAtRisk.map((s) => [s.line, s.partner, fmt(s.planned), fmt(s.delivered), fmt(s.shortfall),
            s.agreed ? 'yes' : 'no']),
          [false, false, true, true, true, false]));
      }
      const points = pool.periods.map((p) => ({ period: p.period, variance: Number(p.variance) }));
      out.push('<h3>Variance trend</h3>', `<figure>${await trendSvg(pool.pool, points, u)}</figure>`);
    }
    out.push('<h3>Warnings</h3>', warningList(mine), '</section>');
  }
  const general = result.warnings.filter((w) => w.pool === undefined);
  if (general.length > 0) out.push('<section class="pool"><h2>Other warnings</h2>', warningList(general), '</section>');
  out.push('</body></html>', '');
  return out.join('\n');
}

/** Writes the pack; an existing file is replaced only with `force`, and never an input. */
export async function writePack(
  file: string, input: WorkbookInput, result: MonitorResult, opts: { force?: boolean },
): Promise<void> {
  if (await isInput(file)) throw new Error(`${file} is the input workbook; write the pack to another file`);
  const html = await buildPack(input, result);
  // Through a temporary file, as the workbooks are: a pack being replaced is never left half-written.
  await save((tmp) => fs.writeFile(tmp, html, 'utf8'), file, opts.force);
}

