/**
 * The `Options` output sheet (options.md, "What the user sees"): one row per pool, option, scenario
 * and partner, with the partner's name beside its code, its savings charge, risk share and final
 * cost, and the final cost's difference from `Current` under the same scenario; an entry that did
 * not run says why instead. Pure: from the options result to one 2-D block with money formats and
 * one Excel table (`tblOptions`), frozen below its header.
 */
import { Decimal } from '../engine/money';
import type { OptionsResult } from '../engine/options';
import type { Warning } from '../engine/types';
import { SheetBuilder, WriteNotes, amountHeader, currencyFormat, writeWarnings, type Out } from './output';
import type { OutputSheet } from './types';
import { parseA1 } from './a1';

export const OPTIONS_SHEET = 'Options';

export function optionsSheet(result: OptionsResult, notes: Warning[] = []): OutputSheet {
  const fmt = currencyFormat(result.units);
  const b = new SheetBuilder(OPTIONS_SHEET);
  const t = b.text.bind(b);
  const money = (s: string | null | undefined): Out => (s === null || s === undefined ? { v: null, f: null }
    : { v: Number(s), f: fmt });
  const names = new Map((result.partners ?? []).map((p) => [p.partner, p.name]));
  b.line(t('Options'), t(result.options.join(', ')));
  b.line(t('Scenarios'), t(result.scenarios.join(', ')));
  b.line(t('Units'), t(result.units));
  const rows: Out[][] = [];
  for (const pool of result.pools) {
    for (const e of pool.results) {
      if (!e.partners) {
        const why = e.errors?.[0]?.message ?? 'not run';
        rows.push([t(pool.pool), t(e.option), t(e.scenario), t(null), t(null), money(null), money(null), money(null),
          money(null), t(`not run: ${why}`)]);
        continue;
      }
      const current = pool.results.find((c) => c.option === result.options[0] && c.scenario === e.scenario);
      for (const p of e.partners) {
        const base = current?.partners?.find((c) => c.partner === p.partner)?.finalCost;
        const diff = base === undefined ? null : new Decimal(p.finalCost).minus(base).toFixed(2);
        rows.push([t(pool.pool), t(e.option), t(e.scenario), t(p.partner), t(names.get(p.partner) ?? null),
          money(p.savingsCharge), money(p.riskShare), money(p.finalCost), money(diff), t('ran')]);
      }
    }
  }
  const a = (h: string) => amountHeader(h, result.units);
  b.section('Each partner under each option and scenario', 'tblOptions',
    ['Pool', 'Option', 'Scenario', 'Partner', 'Name', a('Savings charge'), a('Risk share'), a('Final cost'),
      a('Final cost less Current'), 'Status'], rows, 'No pools.');
  const text = new WriteNotes();
  const sheet = b.build(text, 0);
  for (const w of writeWarnings(text)) notes.push(w);
  // Frozen down to the table's header (the lines above it stay in view).
  const first = sheet.tables[0];
  return { ...sheet, freezeRows: first ? parseA1(first.range.split(':')[0]).row : 4 };
}
