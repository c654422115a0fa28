/** The `Savings` table: rule 3's planned and delivered savings, and whether the partners agreed them. */
import type { CellValue } from '../types';
import { ZERO } from '../money';
import { show } from '../numbers';
import { amount, rawValue, text } from '../tables';
import { place } from '../warnings';
import { Ctx, at, refs } from './context';

/** `Agreed`: yes/no (blank = no), true/false, 1/0; null when it is none of these. */
function parseAgreed(v: string | null, raw: CellValue): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null;
  if (v === null) return false;
  const s = v.toLowerCase();
  if (['yes', 'y', 'true', 'agreed', '1'].includes(s)) return true;
  if (['no', 'n', 'false', '0', 'not agreed'].includes(s)) return false;
  return null;
}

export function buildSavings(ctx: Ctx): void {
  const t = ctx.T.Savings;
  for (const row of t.rows) {
    const r = refs(ctx, t, row);
    if (!r) continue;
    const { pool, line, partner } = r;
    const agreed = parseAgreed(text(row, 'Agreed'), rawValue(row, 'Agreed'));
    if (agreed === null) {
      const where = at(t, row.row, 'Agreed', pool.name);
      ctx.w.add('INVALID_VALUE', `${place(where)}: ${show(rawValue(row, 'Agreed'))} is not yes or no; type yes if `
        + 'the partners agreed a delivery plan, else no (blank means no).', where);
      continue;
    }
    if (row.bad || line === null || partner === null) continue;
    const planned = amount(row, 'Planned')!;
    pool.savings.push({ row: row.row, line, partner, saving: text(row, 'Saving'), planned,
      delivered: amount(row, 'Delivered') ?? ZERO, agreed });
  }
}
