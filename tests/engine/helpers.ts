import type { RawRow, RunResult, PoolResult, WorkbookInput } from '../../src/engine';
import { isFailedPool, run } from '../../src/engine';

export const TODAY = new Date('2026-11-25T12:00:00Z');

/** A workbook from tables; Settings default to Year start 2025-04 unless given. */
export function wb(tables: Record<string, RawRow[]>): WorkbookInput {
  const t = { ...tables };
  if (!t.Settings) t.Settings = [{ Setting: 'Year start', Value: '2025-04' }];
  return { tables: t };
}

export function go(tables: Record<string, RawRow[]>, netting?: 'multilateral' | 'bilateral' | 'gross'): RunResult {
  return run(wb(tables), { today: TODAY, netting });
}

export function pool(r: RunResult, name: string): PoolResult {
  const p = r.pools.find((x) => x.pool === name);
  if (!p) throw new Error(`no pool ${name}`);
  if (isFailedPool(p)) throw new Error(`pool ${name} failed: ${p.errors.map((e) => e.code + ' ' + e.message).join('; ')}`);
  return p;
}

export function partner(r: RunResult, poolName: string, code: string) {
  const x = pool(r, poolName).partners.find((p) => p.partner === code);
  if (!x) throw new Error(`no partner ${code} in ${poolName}`);
  return x;
}

export function codes(r: RunResult): string[] {
  return r.warnings.map((w) => w.code);
}

/** Two partners, one pooled pool hosted by CC, with lines and contributions. */
export const partners2 = [{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB', Name: 'Integrated Care Board' }];
export const partners3 = [...partners2, { Partner: 'DC', Name: 'District Council' }];
