/** Instalments paid (yearend.md, section 2) and statements (section 3), worked by hand. */
import { Decimal } from '../../src/engine';
import { paidAgainst } from '../../src/engine/schedule';
import { alignedJoin, go, specExample, star, twoHosts } from './workbooks';

const D = (x: number | string) => new Decimal(x);
const rows = (r: ReturnType<typeof go>) => r.schedules.map((s) => `${s.due} ${s.kind} ${s.amount} ${s.paid} ${s.outstanding}`);

describe('instalments paid, first due first paid', () => {
  it('ICB pays 100 against 4 × 33.34 and 8 × 33.33: April and May paid, June 33.32 of 33.34', () => {
    // 100 − 33.34 − 33.34 = 33.32 for June; nothing left for July on. Balancing 440 − 400 = 40, unpaid.
    const r = go(specExample([60, 40]));
    expect(rows(r).slice(0, 4)).toEqual(['2025-04 instalment 33.34 33.34 0.00', '2025-05 instalment 33.34 33.34 0.00',
      '2025-06 instalment 33.34 33.32 0.02', '2025-07 instalment 33.34 0.00 33.34']);
    expect(rows(r)[12]).toBe('2026-04 balancing 40.00 0.00 40.00');
  });

  it('payments beyond all instalments go to the balancing row; overpaid shows as negative outstanding', () => {
    // 450 paid: the 400 of instalments, then 50 against the balancing 40: outstanding −10 (and OVERPAID).
    const r = go(specExample([450]));
    expect(r.schedules.slice(0, 12).every((s) => s.paid === s.amount && s.outstanding === '0.00')).toBe(true);
    expect(rows(r)[12]).toBe('2026-04 balancing 40.00 50.00 -10.00');
    expect(r.warnings.map((w) => w.code)).toContain('OVERPAID');
  });

  it('paidAgainst: a payment runs on; a non-positive instalment takes nothing; the rest to the last row', () => {
    expect(paidAgainst([D(10), D(-3), D(10), D(5)], D(25)).map(String)).toEqual(['10', '0', '10', '5']);
    expect(paidAgainst([D(10), D(10), D(5)], D(40)).map(String)).toEqual(['10', '10', '20']);
    expect(paidAgainst([D(10), D(10), D(5)], D(-4)).map(String)).toEqual(['0', '0', '-4']);
  });
});

describe('statements', () => {
  it('the spec example: CC and ICB, year end 2026-03, balance −40 (CC is owed)', () => {
    const r = go(specExample([400]));
    expect(r.statements).toEqual([{ partner: 'CC', counterparty: 'ICB', date: '2026-03',
      lines: [{ pool: 'BCF', instalmentsOutstanding: '0.00', yearEnd: '-40.00', balance: '-40.00' }],
      balance: '-40.00', marked: true }]);
  });

  it('instalments outstanding and the year-end part, from the host first in partner order', () => {
    // ICB paid 100: instalments outstanding 400 − 100 = 300; balance 440 − 100 = 340; year-end part 40.
    // CC is the partner (first in order) and is owed: every figure turned.
    const r = go(specExample([100]));
    expect(r.statements![0].lines).toEqual([
      { pool: 'BCF', instalmentsOutstanding: '-300.00', yearEnd: '-40.00', balance: '-340.00' }]);
    expect(r.positions).toEqual([{ partner: 'CC', position: '-340.00' }, { partner: 'ICB', position: '340.00' }]);
  });

  it('in-year (--period 2025-06): only April to June count, no year-end part', () => {
    // ICB paid 100: April, May paid; June 0.02 outstanding.
    const r = go(specExample([100]), { period: '2025-06' });
    expect(r.statements).toEqual([{ partner: 'CC', counterparty: 'ICB', date: '2025-06',
      lines: [{ pool: 'BCF', instalmentsOutstanding: '-0.02', yearEnd: '0.00', balance: '-0.02' }],
      balance: '-0.02', marked: true }]);
    // The year's last month is the year end.
    expect(go(specExample([100]), { period: '2026-03' }).statements![0].balance).toBe('-340.00');
  });

  it('a period outside the year, or not a month, is an error and gives no statements', () => {
    const out = go(specExample([100]), { period: '2026-04' });
    expect(out.statements).toEqual([]);
    expect(out.warnings.find((w) => w.code === 'PERIOD_OUTSIDE_YEAR')).toMatchObject({ severity: 'error' });
    const bad = go(specExample([100]), { period: 'June' });
    expect(bad.statements).toEqual([]);
    expect(bad.warnings.find((w) => w.code === 'INVALID_VALUE')!.message).toContain('"June"');
  });

  it('Statement threshold marks pairs whose balance is at least that in size; all are listed', () => {
    const at = (v: unknown) => go(specExample([100], [{ Setting: 'Statement threshold', Value: v as number }]));
    expect(at(340).statements![0].marked).toBe(true);
    expect(at('340.01').statements![0].marked).toBe(false);
    expect(at(-5).warnings.find((w) => w.code === 'INVALID_VALUE')!.message).toContain('Statement threshold');
    expect(at(-5).statements![0].marked).toBe(true); // the default, 0
  });

  it('one statement per route: the star around CC, each line the partner\'s balance', () => {
    // Balances ICB +50, DC −30, HA 0 (workbooks.ts); CC first in order, so turned: −50, +30, 0.
    const r = go(star);
    expect(r.statements!.map((s) => `${s.partner}/${s.counterparty} ${s.balance}`)).toEqual([
      'CC/ICB -50.00', 'CC/DC 30.00', 'CC/HA 0.00']);
    // ICB paid 250 of 300: instalments 12 × 25.00, ten paid, two outstanding (50), year-end part 0.
    expect(r.statements![0].lines[0]).toEqual({ pool: 'BCF', instalmentsOutstanding: '-50.00', yearEnd: '0.00',
      balance: '-50.00' });
  });

  it('two hosts: a statement per host with ICB; they add up to ICB\'s position', () => {
    // Pool A: ICB +100 (to CC); pool B: ICB −60 (from DC). ICB's position +40 = 100 − 60.
    const r = go(twoHosts);
    expect(r.statements!.map((s) => `${s.partner}/${s.counterparty} ${s.balance}`)).toEqual([
      'CC/ICB -100.00', 'ICB/DC -60.00']);
  });

  it('an aligned pool: the line is what one pays the other (reading 6), no instalments', () => {
    const r = go(alignedJoin);
    const al = r.statements!.find((s) => s.partner === 'ICB' && s.counterparty === 'DC')!;
    // DC pays ICB 100: ICB (the partner) is owed 100.
    expect(al.lines).toEqual([{ pool: 'AL', instalmentsOutstanding: '0.00', yearEnd: '-100.00', balance: '-100.00' }]);
    // In-year, an aligned pool has nothing due yet.
    const mid = go(alignedJoin, { period: '2025-09' }).statements!.find((s) => s.counterparty === 'DC')!;
    expect(mid.balance).toBe('0.00');
  });
});
