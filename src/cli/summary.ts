/** The command line's readable summary of a result, and text made safe for a terminal. */
import type { PoolResult, RunResult } from '../engine/types';
import { isFailedPool } from '../engine/types';
import { Decimal, groupMoney } from '../engine/money';
import { leftOut, partnerNames, schedulePayment, shareUsed, statementOwes, yearText } from '../workbook/output';
import { multilateral } from '../engine/netting';
import { Route, offRoute, routesOf } from '../engine/routes';

/** Characters a terminal would act on or that reorder text: C0/C1 controls, DEL, bidi controls, line separators. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const SHOWN: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text shown visibly instead of acted on: `\n`, `\x1b`, `<U+202E>`. Its result holds only
 * printable characters, so a name cannot start a new line, recolour or reorder the terminal.
 */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (SHOWN[ch]) return SHOWN[ch];
    if (code < 0xa0) return `\\x${code.toString(16).padStart(2, '0')}`;
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** A copy of a result with every string made terminal-safe (names and messages alike). */
export function terminalSafeDeep<T>(x: T): T {
  if (typeof x === 'string') return terminalSafe(x) as T;
  if (Array.isArray(x)) return x.map(terminalSafeDeep) as T;
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = terminalSafeDeep(v);
    return out as T;
  }
  return x;
}

/** JSON text with the characters above (that JSON.stringify leaves raw) as \u escapes: the same JSON value. */
export function jsonSafe(json: string): string {
  return json.replace(/[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function money(s: string): string {
  return groupMoney(new Decimal(s));
}

/** Rows as aligned columns (cells already terminal-safe). No spread: a pool may have many partners. */
export function table(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0].map(() => 0);
  for (const r of rows) r.forEach((c, i) => { if (c.length > widths[i]) widths[i] = c.length; });
  const pad = (c: string, i: number) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  return rows.map((r) => r.map(pad).join('  ').trimEnd());
}

/** The routes of the pools that ran (as the engine decides them), from a result. */
function resultRoutes(result: RunResult): Route[] {
  if (result.netting.routes) return result.netting.routes;
  const order = result.positions.map((p) => p.partner);
  return routesOf(result.pools.filter((p): p is PoolResult => !isFailedPool(p)).map((p) => ({
    name: p.pool, kind: p.kind, host: p.host, partners: p.partners.map((x) => x.partner) })), order);
}

/**
 * `routes`: the routes used, and the payments `multilateral` would have made between partners that
 * share no pool, so the user sees why. `multilateral`: its own payments off the routes, flagged.
 */
function routesLines(result: RunResult): string[] {
  const n = result.netting;
  if (n.mode !== 'routes' && n.mode !== 'multilateral') return [];
  const routes = resultRoutes(result);
  const out: string[] = [];
  if (n.mode === 'routes') {
    out.push('', `Routes (pairs of partners joined by a pool): ${routes.length}`);
    for (const r of routes) out.push(`  ${r.a} – ${r.b}: ${r.pools.join(', ')}`);
  }
  const wouldPay = n.mode === 'routes'
    ? multilateral(result.positions.map((p) => ({ partner: p.partner, amount: new Decimal(p.position) })))
      .map((f) => ({ from: f.from, to: f.to, amount: f.amount.toFixed(2) }))
    : n.payments;
  const off = offRoute(wouldPay, routes);
  if (off.length === 0) return out;
  out.push('', n.mode === 'routes'
    ? `multilateral netting would have made ${off.length} payment${off.length === 1 ? '' : 's'} off the routes:`
    : `${off.length} of these payments ${off.length === 1 ? 'runs' : 'run'} between partners that share no pool `
      + '(Netting = routes pays only along pools):');
  for (const p of off) out.push(`  ${p.from} → ${p.to}: no shared pool (${money(p.amount)})`);
  return out;
}

/** The statements' pairs (agreement of balances), marked at or above the Statement threshold. */
function statementLines(result: RunResult): string[] {
  const st = result.statements;
  if (!st || st.length === 0) return [];
  const out = ['', `Statements as at the end of ${st[0].date} (agreement of balances; * at or above the Statement `
    + 'threshold):'];
  for (const s of st) {
    out.push(`  ${s.marked ? '*' : ' '} ${s.partner} – ${s.counterparty}: ${statementOwes(s, money)}`
      + ` (${s.lines.map((l) => l.pool).join(', ')})`);
  }
  return out;
}

export function summary(result: RunResult): string {
  const u = result.units;
  const names = partnerNames(result);
  const who = (code: string) => (names.has(code) ? `${code} (${names.get(code)})` : code);
  const out: string[] = [`Year ${yearText(result.year)}`, ''];
  for (const p of result.pools) {
    if (isFailedPool(p)) {
      out.push(`Pool ${p.pool}: not run, ${p.errors.length} error${p.errors.length === 1 ? '' : 's'} (see warnings);` +
        ' its figures are not in the positions or payments', '');
      continue;
    }
    out.push(`Pool ${p.pool} (${p.kind}${p.host ? `, host ${p.host}` : ''}, ${p.method}), ${u}`);
    out.push(`  budget ${money(p.budget)}   outturn ${money(p.outturn)}   variance ${money(p.variance)}` +
      (p.reserveUsed !== '0.00' ? `   reserve used ${money(p.reserveUsed)}` : '') +
      (p.reserveCarried !== '0.00' ? `   carried to reserve ${money(p.reserveCarried)}` : '') +
      (p.unallocated !== '0.00' ? `   fell to host ${money(p.unallocated)}` : ''));
    const share = shareUsed(p);
    const rows = [['partner', 'net', 'share', 'savings', 'risk share', 'final cost', 'paid', 'balance']];
    for (const x of p.partners) {
      rows.push([terminalSafe(x.partner), money(x.net), share ? `${new Decimal(x.share).times(100).toFixed(2)}%` : '',
        money(x.savingsCharge), money(x.riskShare), money(x.finalCost), money(x.paid), money(x.balance)]);
    }
    for (const l of table(rows, [false, true, true, true, true, true, true, true])) out.push('  ' + l);
    if (p.steps.length > 0) out.push('  how:');
    for (const st of p.steps) {
      out.push(`    ${st.step}${st.partner ? ` ${st.partner}` : ''} ${money(st.amount)}: ${st.why}`);
    }
    out.push('');
  }
  const missing = leftOut(result);
  out.push(`Positions (${u}; positive owes, negative is owed):`);
  if (missing) out.push(`  Left out: ${missing}: not run, so not in these positions or the payments below`);
  for (const p of result.positions) out.push(`  ${who(p.partner)}: ${money(p.position)}`);
  const n = result.netting;
  out.push('', `Payments after ${n.mode} netting: ${n.netCount} worth ${money(n.netValue)}` +
    ` (before netting: ${n.grossCount} worth ${money(n.grossValue)})`);
  if (missing) out.push(`  Left out: ${missing}`);
  for (const pay of n.payments) out.push(`  ${who(pay.from)} pays ${who(pay.to)} ${money(pay.amount)}`);
  for (const l of [...routesLines(result), ...statementLines(result)]) out.push(l); // no spread into push: many pairs
  const sched = result.schedules.length;
  if (sched > 0) {
    let refunds = 0;
    for (const s of result.schedules) if (schedulePayment(s).kind === 'refund from host') refunds++;
    const to = sched - refunds;
    const back = refunds ? `, ${refunds} refund${refunds === 1 ? '' : 's'} from hosts` : '';
    const list = '(use --json or --out for the full list)';
    out.push('', `Schedules: ${to} payment${to === 1 ? '' : 's'} to hosts${back} ${list}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const x of result.warnings) counts[x.severity]++;
  out.push('', `Warnings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  for (const x of result.warnings) {
    const where = x.sheet ? ` [${x.sheet}!${x.cell}]` : '';
    out.push(`  ${x.severity.toUpperCase()} ${x.code}${where}: ${x.message}`);
  }
  return out.map(terminalSafe).join('\n') + '\n';
}
