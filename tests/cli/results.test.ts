/**
 * Results a finance team would send without retyping (issue 9 item 4) and the year always stated
 * (item 3): the summary and the results workbook, read back with exceljs, from a result built by
 * hand (£'000; a fixed pool that underspent, so the host refunds ICB; a pool left out).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import type { PoolResult, RunResult, ScheduleEntry, Warning } from '../../src/engine/types';
import { summary } from '../../src/cli/summary';
import { writeResultsXlsx, writeTemplateXlsx } from '../../src/cli/xlsx';

const dir = mkdtempSync(join(tmpdir(), 'poolshare-results-'));
const err = (n: number): Warning => ({ code: 'NOT_A_NUMBER', severity: 'error', pool: 'OP', message: `Cell ${n} is not a number.` });

/**
 * BCF (£'000, fixed 60/40, host OCC): budget 140,952, outturn 139,952, underspend 1,000 shared
 * 600/400. ICB's net 40,952 is paid in four quarterly instalments of 10,238; its final cost is
 * 40,952 − 400 = 40,552, so its balancing payment is −400: a refund of 400 from the host.
 */
function made(): RunResult {
  const bcf: PoolResult = {
    pool: 'BCF', kind: 'pooled', host: 'OCC', method: 'fixed', budget: '140952.00', outturn: '139952.00', variance: '-1000.00',
    reserveUsed: '0.00', reserveCarried: '0.00', unallocated: '0.00',
    partners: [
      { partner: 'OCC', net: '100000.00', share: '0.709461', savingsCharge: '0.00', riskShare: '-600.00', finalCost: '99400.00',
        paid: '99000.00', balance: '400.00' },
      { partner: 'ICB', net: '40952.00', share: '0.290539', savingsCharge: '0.00', riskShare: '-400.00', finalCost: '40552.00',
        paid: '40952.00', balance: '-400.00' },
    ],
    steps: [{ step: 'share', partner: 'OCC', amount: '-600.00', why: '60% of -1,000.00' },
      { step: 'share', partner: 'ICB', amount: '-400.00', why: '40% of -1,000.00' }],
  };
  const schedules: ScheduleEntry[] = ['2017-04', '2017-07', '2017-10', '2018-01'].map((due) =>
    ({ pool: 'BCF', partner: 'ICB', to: 'OCC', due, kind: 'instalment', amount: '10238.00' }));
  schedules.push({ pool: 'BCF', partner: 'ICB', to: 'OCC', due: '2018-04', kind: 'balancing', amount: '-400.00' });
  return {
    units: "£'000",
    year: { start: '2017-04', from: 'periods' },
    partners: [{ partner: 'OCC', name: 'Oxfordshire County Council' }, { partner: 'ICB', name: 'BOB ICB' }],
    pools: [bcf, { pool: 'OP', kind: 'pooled', host: 'ICB', method: 'proportional', errors: [err(1), err(2), err(3)] }],
    positions: [{ partner: 'OCC', position: '400.00' }, { partner: 'ICB', position: '-400.00' }],
    netting: { mode: 'multilateral', grossCount: 1, grossValue: '400.00', netCount: 1, netValue: '400.00',
      payments: [{ from: 'OCC', to: 'ICB', amount: '400.00' }], grossPayments: [{ from: 'OCC', to: 'ICB', amount: '400.00', pool: 'BCF' }] },
    schedules,
    warnings: [err(1), err(2), err(3)],
  };
}

/** A worksheet's rows as arrays of values (1-based columns dropped). */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (r) => { out.push((r.values as unknown[]).slice(1)); });
  return out;
}

async function written(result: RunResult, name: string): Promise<ExcelJS.Workbook> {
  const file = join(dir, name);
  await writeResultsXlsx(file, result, {});
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('the summary', () => {
  const text = summary(made());
  test('states the year and where it came from', () => {
    expect(text.split('\n')[0]).toBe('Year 2017-04 to 2018-03, from the Payments periods');
    expect(summary({ ...made(), year: { start: '2025-10', from: 'default' } }).split('\n')[0])
      .toMatch(/^Year 2025-10 to 2026-09, by default: the April before today/);
    expect(summary({ ...made(), year: { start: '2025-04', from: 'setting' } }).split('\n')[0])
      .toBe('Year 2025-04 to 2026-03, from Settings (Year start)');
  });
  test('names the pool left out next to positions and payments, and says its figures are not in them', () => {
    expect(text).toContain('Pool OP: not run, 3 errors (see warnings); its figures are not in the positions or payments');
    expect(text).toMatch(/Positions \(£'000; positive owes, negative is owed\):\n {2}Left out: OP \(3 errors\): not run/);
    expect(text).toMatch(/Payments after multilateral netting: .*\n {2}Left out: OP \(3 errors\)\n/);
  });
  test('partner names beside codes; no share under a fixed method; the refund counted as one', () => {
    expect(text).toContain('  OCC (Oxfordshire County Council): 400.00\n  ICB (BOB ICB): -400.00');
    expect(text).toContain('  OCC (Oxfordshire County Council) pays ICB (BOB ICB) 400.00');
    expect(text).toMatch(/\n {2}ICB +40,952\.00 {2,}0\.00 +-400\.00/); // share column blank
    expect(text).not.toContain('29.05%');
    expect(text).toContain('Schedules: 4 payments to hosts, 1 refund from hosts');
  });
  test('without partner names (an engine that does not list them) the codes stand alone', () => {
    const plain = summary({ ...made(), partners: undefined });
    expect(plain).toContain('  OCC: 400.00\n  ICB: -400.00');
  });
});

describe('the results workbook, read back with exceljs', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => { wb = await written(made(), 'made.xlsx'); });

  test("£'000: the unit in the headers, figures as thousands (no k suffix anywhere)", () => {
    const pools = wb.getWorksheet('Pool results')!;
    expect(rows(pools)[0].slice(4, 7)).toEqual(["Budget (£'000)", "Outturn (£'000)", "Variance (£'000)"]);
    expect(pools.getCell('E2').value).toBe(140952);
    expect(pools.getCell('E2').numFmt).toBe('#,##0.00;-#,##0.00');
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => expect(String(c.numFmt ?? '')).not.toMatch(/k"/))));
    expect(rows(pools)[2][10]).toBe('not run: 3 errors (see Warnings); not in the positions or payments');
  });

  test('a partner sheet: name, year, share blank under a fixed method, due months as dates, the refund from the host', () => {
    const icb = wb.getWorksheet('ICB')!;
    const r = rows(icb);
    expect(r.slice(0, 4)).toEqual([['Partner', 'ICB'], ['Name', 'BOB ICB'], ['Units', "£'000"],
      ['Year', '2017-04 to 2018-03, from the Payments periods']]);
    const bcf = r.find((x) => x[0] === 'BCF' && x[1] === 'pooled')!;
    expect(bcf[4] ?? null).toBeNull(); // Share
    expect(bcf.slice(5)).toEqual([0, -400, 40552, 40952, -400]);
    const schedule = r.filter((x) => x[0] === 'BCF' && x[3] instanceof Date);
    expect(schedule.map((x) => [(x[3] as Date).toISOString().slice(0, 7), x[1], x[2], x[4], x[5]])).toEqual([
      ['2017-04', 'ICB', 'OCC', 'instalment', 10238], ['2017-07', 'ICB', 'OCC', 'instalment', 10238],
      ['2017-10', 'ICB', 'OCC', 'instalment', 10238], ['2018-01', 'ICB', 'OCC', 'instalment', 10238],
      ['2018-04', 'OCC', 'ICB', 'refund from host', 400]]);
    const dueRow = r.findIndex((x) => x[3] instanceof Date) + 1;
    expect(icb.getCell(dueRow, 4).numFmt).toBe('mmm yyyy');
  });

  test('Settlement: year, the pool left out, names beside codes, the pool of each payment before netting', () => {
    const r = rows(wb.getWorksheet('Settlement')!);
    expect(r.find((x) => x[0] === 'Year')![1]).toBe('2017-04 to 2018-03, from the Payments periods');
    expect(r.find((x) => x[0] === 'Left out')![1]).toMatch(/^OP \(3 errors\): not run, so not in the positions or payments/);
    const at = (h: string) => r.findIndex((x) => x[0] === h);
    expect(r.slice(at('Partner'), at('Partner') + 3)).toEqual([['Partner', 'Partner name', "Position (£'000)"],
      ['OCC', 'Oxfordshire County Council', 400], ['ICB', 'BOB ICB', -400]]);
    expect(r.slice(at('Pool'), at('Pool') + 2)).toEqual([['Pool', 'From', 'From name', 'To', 'To name', "Amount (£'000)"],
      ['BCF', 'OCC', 'Oxfordshire County Council', 'ICB', 'BOB ICB', 400]]);
  });

  test('a proportional pool keeps its share; £ keeps the £ format; no names and no pools: plain columns', async () => {
    const m = made();
    const bcf = m.pools[0] as PoolResult;
    const plain = await written({ ...m, units: '£', partners: undefined, pools: [{ ...bcf, method: 'proportional' }],
      netting: { ...m.netting, grossPayments: [{ from: 'OCC', to: 'ICB', amount: '400.00' }] } }, 'plain.xlsx');
    const icb = rows(plain.getWorksheet('ICB')!);
    expect(icb.find((x) => x[0] === 'BCF' && x[1] === 'pooled')![4]).toBeCloseTo(0.290539, 6);
    expect(plain.getWorksheet('Pool results')!.getCell('E2').numFmt).toBe('"£"#,##0.00;-"£"#,##0.00');
    const s = rows(plain.getWorksheet('Settlement')!);
    expect(s.find((x) => x[0] === 'Partner')).toEqual(['Partner', 'Position']);
    expect(s.find((x) => x[0] === 'From')).toEqual(['From', 'To', 'Amount']);
    expect(s.find((x) => x[0] === 'Left out')).toBeUndefined();
  });
});

describe('the template', () => {
  test('Settings has Year start (the April before today, as text); cells typed for what they hold; rules in docs/rules.md', async () => {
    const file = join(dir, 'template.xlsx');
    await writeTemplateXlsx(file, { today: new Date(Date.UTC(2027, 2, 31)) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const settings = wb.getWorksheet('Settings')!;
    const year = rows(settings).findIndex((x) => x[0] === 'Year start') + 1;
    expect(settings.getCell(year, 2).value).toBe('2026-04');
    expect(settings.getCell(year, 2).numFmt).toBe('@');
    const materiality = rows(settings).findIndex((x) => x[0] === 'Materiality') + 1;
    expect(settings.getCell(materiality, 2).numFmt).not.toBe('@');
    const fmt = (sheet: string, header: string) => {
      const ws = wb.getWorksheet(sheet)!;
      const col = (rows(ws)[0] as string[]).indexOf(header) + 1;
      return ws.getColumn(col).numFmt;
    };
    const amount = '#,##0.00;-#,##0.00';
    const want = { 'Contributions Gross': amount, 'Contributions Income': amount, 'Lines Forecast': amount,
      'Payments Date': 'yyyy-mm-dd', 'Payments Period': '@', 'Partners Partner': '@', 'RiskShare Percent': '0.00' };
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, fmt(k.split(' ')[0], k.split(' ')[1])]))).toEqual(want);
    const info = rows(wb.getWorksheet('Instructions')!).map((x) => String(x[0] ?? '')).join('\n');
    expect(info).toContain('docs/rules.md');
    expect(info).not.toMatch(/\.\.\/shared/); // nothing outside the repository
  });
});

describe('text cut for the workbook is reported by the command line too', () => {
  test('a pool name with U+FFFE: --out writes a readable workbook and --json lists TEXT_CUT', async () => {
    const { main } = await import('../../src/cli/main');
    const { writeFileSync } = await import('fs');
    const input = join(dir, 'fffe.json');
    writeFileSync(input, JSON.stringify({ tables: {
      Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
      Pools: [{ Pool: 'B\uFFFECF', Host: 'CC' }],
      Lines: [{ Pool: 'B\uFFFECF', Line: 'L', Forecast: 1000 }],
      Contributions: [{ Pool: 'B\uFFFECF', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'B\uFFFECF', Line: 'L', Partner: 'ICB', Gross: 400 }],
      Settings: [{ Setting: 'Year start', Value: '2025-04' }],
    } }));
    let out = '';
    const code = await main(['run', input, '--json', '--out', join(dir, 'fffe.xlsx')], { out: (s) => { out += s; }, err: () => undefined });
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.pools[0].pool).toBe('B\uFFFECF'); // the result keeps what was typed
    expect(json.warnings.filter((w: Warning) => w.code === 'TEXT_CUT')).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'fffe.xlsx'));
    expect(wb.getWorksheet('Pool results')!.getCell('A2').value).toBe('BCF');
  });
});
