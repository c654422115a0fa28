/** The command line's readable summary of a result. */
import type { RunResult } from '../engine/types';
import { isFailedPool } from '../engine/types';
import { Decimal, groupMoney } from '../engine/money';

export function money(s: string): string {
  return groupMoney(new Decimal(s));
}

export function table(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
}

export function summary(result: RunResult): string {
  const u = result.units;
  const out: string[] = [];
  for (const p of result.pools) {
    if (isFailedPool(p)) {
      out.push(`Pool ${p.pool}: not run, ${p.errors.length} error${p.errors.length === 1 ? '' : 's'} (see warnings)`, '');
      continue;
    }
    out.push(`Pool ${p.pool} (${p.kind}${p.host ? `, host ${p.host}` : ''}, ${p.method}), ${u}`);
    out.push(`  budget ${money(p.budget)}   outturn ${money(p.outturn)}   variance ${money(p.variance)}` +
      (p.reserveUsed !== '0.00' ? `   reserve used ${money(p.reserveUsed)}` : '') +
      (p.reserveCarried !== '0.00' ? `   carried to reserve ${money(p.reserveCarried)}` : '') +
      (p.unallocated !== '0.00' ? `   fell to host ${money(p.unallocated)}` : ''));
    const rows = [['partner', 'net', 'share', 'savings', 'risk share', 'final cost', 'paid', 'balance']];
    for (const x of p.partners) {
      rows.push([x.partner, money(x.net), `${new Decimal(x.share).times(100).toFixed(2)}%`, money(x.savingsCharge), money(x.riskShare), money(x.finalCost), money(x.paid), money(x.balance)]);
    }
    out.push(...table(rows, [false, true, true, true, true, true, true, true]).map((l) => '  ' + l));
    if (p.steps.length > 0) out.push('  how:');
    for (const st of p.steps) out.push(`    ${st.step}${st.partner ? ` ${st.partner}` : ''} ${money(st.amount)}: ${st.why}`);
    out.push('');
  }
  out.push(`Positions (${u}; positive owes, negative is owed):`);
  for (const p of result.positions) out.push(`  ${p.partner}: ${money(p.position)}`);
  const n = result.netting;
  out.push('', `Payments after ${n.mode} netting: ${n.netCount} worth ${money(n.netValue)} (before netting: ${n.grossCount} worth ${money(n.grossValue)})`);
  for (const pay of n.payments) out.push(`  ${pay.from} pays ${pay.to} ${money(pay.amount)}`);
  const sched = result.schedules.length;
  if (sched > 0) out.push('', `Schedules: ${sched} payments to hosts (use --json or --out for the full list)`);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const x of result.warnings) counts[x.severity]++;
  out.push('', `Warnings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  for (const x of result.warnings) {
    const where = x.sheet ? ` [${x.sheet}!${x.cell}]` : '';
    out.push(`  ${x.severity.toUpperCase()} ${x.code}${where}: ${x.message}`);
  }
  return out.join('\n') + '\n';
}
