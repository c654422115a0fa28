/** The `Partners` table: the partner codes, in the order used everywhere, and their names. */
import { show } from '../numbers';
import { Table, text } from '../tables';
import { Warnings } from '../warnings';
import { at } from './context';

export function buildPartners(t: Table, w: Warnings): { partners: string[]; names: Map<string, string | null> } {
  const partners: string[] = [];
  const names = new Map<string, string | null>();
  for (const row of t.rows) {
    if (row.bad) continue;
    const code = text(row, 'Partner')!;
    if (names.has(code)) {
      w.add('DUPLICATE_ROW', `Partners row ${row.row}: partner ${show(code)} is listed twice; keep one row for it.`,
        at(t, row.row, 'Partner'));
      continue;
    }
    partners.push(code);
    names.set(code, text(row, 'Name'));
  }
  return { partners, names };
}
