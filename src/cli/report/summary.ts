/**
 * Page 1 of the committee pack: what the period or year is and in what units; every pool's budget,
 * forecast, variance, movement and reserve with a RAG mark against materiality, and their totals;
 * who bears what by partner (names); the key messages drawn from the run's warnings.
 */
import type { Warning, WarningCode } from '../../engine/types';
import { Decimal, plain, sum } from '../../engine/money';
import { type Cell, block, count, esc, figure, monthText, tableHtml } from './format';
import { type Pack, type PoolView, notRun } from './pack';

export type Rag = 'red' | 'amber' | 'green';

/**
 * The RAG mark of a pool that ran, read from the run's own warnings so the pack never re-decides
 * a rule: red when the variance is beyond materiality (VARIANCE_OVER_MATERIALITY); amber when it
 * is an overspend within it, or moved by more than materiality since the last period
 * (VARIANCE_MOVED); green otherwise (on or under budget within materiality).
 */
export function rag(pool: PoolView): Rag {
  const has = (code: WarningCode) => pool.warnings.some((w) => w.code === code);
  if (has('VARIANCE_OVER_MATERIALITY')) return 'red';
  if (has('VARIANCE_MOVED') || new Decimal(pool.position?.variance ?? '0').isPositive()) return 'amber';
  return 'green';
}

const RAG_TEXT: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** The mark as printed: its word on its colour (readable in black and white too). */
export function ragMark(r: Rag): string {
  return `<span class="rag ${r}">${RAG_TEXT[r]}</span>`;
}

function ragCell(pool: PoolView): Cell {
  if (pool.errors) return { html: '<span class="rag none">Not run</span>' };
  return { html: ragMark(rag(pool)) };
}

const total = (xs: Array<string | null | undefined>) =>
  sum(xs.filter((x): x is string => typeof x === 'string').map((x) => new Decimal(x)));

function poolsTable(pack: Pack): string {
  const moved = pack.period !== null;
  const columns = [{ head: 'Pool' }, { head: 'Budget', numeric: true }, { head: 'Forecast', numeric: true },
    { head: 'Variance', numeric: true }, ...(moved ? [{ head: 'Movement', numeric: true }] : []),
    { head: 'Reserve used', numeric: true }, { head: 'To reserve', numeric: true }, { head: 'RAG' }];
  const rows = pack.pools.map((p): Cell[] => {
    const name: Cell = { html: `<a href="#${p.id}">${esc(p.title)}</a>` };
    const x = p.position;
    if (!x) {
      const why = p.errors ? `not run: ${count(p.errors.length, 'error')}` : 'no position';
      return [name, figure(p.budget), why, '', ...(moved ? [''] : []), '', '', ragCell(p)];
    }
    return [name, figure(p.budget), figure(x.outturn), figure(x.variance), ...(moved ? [figure(x.movement)] : []),
      figure(x.reserveUsed), figure(x.reserveCarried), ragCell(p)];
  });
  const ran = pack.pools.filter((p) => p.position !== null);
  const label = ran.length === pack.pools.length ? 'Total' : `Total of the ${ran.length} pools that ran`;
  const pos = ran.map((p) => p.position!);
  const movements = pos.map((x) => x.movement);
  const totals: Cell[] = [label, figure(total(ran.map((p) => p.budget))), figure(total(pos.map((x) => x.outturn))),
    figure(total(pos.map((x) => x.variance))),
    ...(moved ? [movements.some((m) => m !== null) ? figure(total(movements)) : '–'] : []),
    figure(total(pos.map((x) => x.reserveUsed))), figure(total(pos.map((x) => x.reserveCarried))), ''];
  const legend = `<p class="note">RAG against materiality (${plain(pack.materiality)}% of each pool's budget): `
    + 'Red, the variance is beyond it either way; Amber, an overspend within it, or a variance that moved by more '
    + 'than it since the last period; Green, on or under budget within it. Variance: forecast less budget, '
    + 'an overspend positive.</p>';
  return tableHtml(columns, rows, totals, 'summary') + legend;
}

/** Each partner's savings charge, risk share and final cost over the pools that ran, in partner order. */
function partnersTable(pack: Pack): string {
  const by = new Map<string, { savings: Decimal[]; risk: Decimal[]; cost: Decimal[] }>();
  for (const p of pack.pools) {
    for (const x of p.position?.partners ?? []) {
      let t = by.get(x.partner);
      if (!t) by.set(x.partner, (t = { savings: [], risk: [], cost: [] }));
      t.savings.push(new Decimal(x.savingsCharge));
      t.risk.push(new Decimal(x.riskShare));
      t.cost.push(new Decimal(x.finalCost));
    }
  }
  const listed = new Set(pack.partners);
  const codes = [...pack.partners.filter((c) => by.has(c)), ...[...by.keys()].filter((c) => !listed.has(c))];
  if (codes.length === 0) return '<p>No pool ran, so no partner bears anything yet.</p>';
  const sums = codes.map((c) => ({ c, s: sum(by.get(c)!.savings), r: sum(by.get(c)!.risk), f: sum(by.get(c)!.cost) }));
  const columns = [{ head: 'Partner' }, { head: 'Savings charge', numeric: true },
    { head: 'Risk share', numeric: true }, { head: 'Final cost', numeric: true }];
  const rows = sums.map((x): Cell[] => [pack.partner(x.c), figure(x.s), figure(x.r), figure(x.f)]);
  const totals = ['Total', figure(sum(sums.map((x) => x.s))), figure(sum(sums.map((x) => x.r))),
    figure(sum(sums.map((x) => x.f)))];
  return tableHtml(columns, rows, totals) + '<p class="note">Risk share: the part of the variance a partner '
    + 'bears (an overspend positive); final cost: its net contribution plus its savings charge and risk share.</p>';
}

/** Who pays whom after netting (the year-end pack: the run's payments). */
function paymentsTable(pack: Pack): string {
  const n = pack.yearEnd?.netting;
  if (!n) return '';
  if (n.payments.length === 0) return block('Payments after netting', '<p>None: every partner is settled.</p>');
  const rows = n.payments.map((x): Cell[] => [pack.partner(x.from), pack.partner(x.to), figure(x.amount)]);
  const note = `<p class="note">${esc(`${n.mode[0].toUpperCase()}${n.mode.slice(1)} netting: `
    + `${count(n.netCount, 'payment')} worth ${figure(n.netValue)} instead of ${n.grossCount} worth `
    + `${figure(n.grossValue)}; over the pools that ran.`)}</p>`;
  return block('Payments after netting',
    tableHtml([{ head: 'From' }, { head: 'To' }, { head: 'Amount', numeric: true }], rows) + note);
}

/** A message's amounts ("-187,000.00") in the pack's one negative style ("−187,000.00"). */
export function trueMinus(message: string): string {
  return message.replace(/(^|[\s(])-(?=\d{1,3}(?:,\d{3})*\.\d\d\b)/g, '$1\u2212');
}

/** The codes whose messages lead the key messages, most important first. */
const KEY_CODES: WarningCode[] = ['VARIANCE_OVER_MATERIALITY', 'VARIANCE_MOVED', 'CAP_UNALLOCATED',
  'UNAGREED_SAVINGS', 'OVERPAID', 'ON_BUDGET_ASSUMED', 'SPEND_MISMATCH', 'NEGATIVE_NET'];
const KEY_MESSAGES = 6;

/** The key messages: pools not run, then the most important warnings in the run's words, then what else there is. */
export function keyMessages(pack: Pack): string[] {
  const out: string[] = [];
  const failed = notRun(pack);
  if (failed.length > 0) {
    out.push(`${failed.length} of ${pack.pools.length} pools not run because of errors: `
      + `${failed.map((p) => `${p.title} (${count(p.errors!.length, 'error')})`).join('; ')}. `
      + 'Their figures are not in the totals; the errors are listed on their pages.');
  }
  const wide = pack.general.filter((w) => w.severity === 'error').length;
  if (wide > 0) out.push(`${count(wide, 'error')} not tied to one pool, listed under "Other warnings" at the end.`);
  const rank = (w: Warning) => KEY_CODES.indexOf(w.code);
  const key = pack.warnings.filter((w) => w.severity === 'warning' && rank(w) >= 0)
    .map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i).slice(0, KEY_MESSAGES)
    .map((x) => x.w);
  for (const w of key) out.push(trueMinus(w.message));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const w of pack.warnings) counts[w.severity]++;
  if (pack.warnings.length === 0) out.push(`All ${pack.pools.length} pools ran, with no errors or warnings.`);
  else {
    out.push(`In all: ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')} and `
      + `${count(counts.info, 'note')}, listed under each pool and at the end.`);
  }
  return out;
}

/** Page 1: the summary. */
export function summaryPage(pack: Pack): string {
  const what = pack.period ? `forecasts for the year as at ${monthText(pack.period)}`
    : "each pool's forecast outturn for the year";
  const intro = `Financial year ${pack.year}. Amounts in ${pack.units}`
    + `${pack.units === "£'000" ? ' (thousands of pounds)' : ''}; ${what}; a negative variance is an underspend.`;
  const messages = keyMessages(pack).map((m) => `<li>${esc(m)}</li>`).join('\n');
  return '<section class="summary">'
    + `<h1>${esc(`Section 75 pooled budgets: ${pack.period ? `monitoring as at ${monthText(pack.period)}`
      : 'year-end forecast'}`)}</h1>\n<p class="lead">${esc(intro)}</p>\n`
    + block('Key messages', `<ul class="key">\n${messages}\n</ul>`) + '\n'
    + block('Pools', poolsTable(pack)) + '\n'
    + block('Who bears what, by partner', partnersTable(pack)) + '\n'
    + paymentsTable(pack) + '</section>';
}
