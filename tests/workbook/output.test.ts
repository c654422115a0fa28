import { run } from '../../src/engine';
import type { RawRow } from '../../src/engine';
import { a1, buildOutputSheets, columnLetters, columnNumber, currencyFormat, parseA1, rangeA1, sheetName } from '../../src/workbook';

describe('A1 helpers', () => {
  test('column letters and numbers are inverse', () => {
    expect([1, 26, 27, 52, 702, 703, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'XFD']);
    for (let n = 1; n <= 20000; n += 7) expect(columnNumber(columnLetters(n))).toBe(n);
    expect(a1(21, 2)).toBe('B21');
    expect(parseA1('$AB$7')).toEqual({ row: 7, col: 28 });
    expect(rangeA1(1, 1, 3, 4)).toBe('A1:D3');
    expect(() => parseA1('B')).toThrow(RangeError);
    expect(() => columnLetters(0)).toThrow(RangeError);
  });
});

describe('sheet names', () => {
  test('valid for Excel and unique', () => {
    const taken = new Set(['pools', 'settlement', 'warnings']);
    const names = ['Settlement', 'a/b:c*d?[e]\\f', "'quoted'", 'x'.repeat(40), 'x'.repeat(40), '', 'History', 'SETTLEMENT'].map((n) => sheetName(n, taken));
    expect(names).toEqual(['Settlement (2)', 'a_b_c_d__e__f', 'quoted', 'x'.repeat(31), `${'x'.repeat(27)} (2)`, 'Partner', 'Partner History', 'SETTLEMENT (3)']);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
    // Control characters and what XML cannot hold never reach a sheet name; a cut keeps pairs whole.
    expect(sheetName('a\u0007b\uFFFE\nc', taken)).toBe('ab_c'); // BEL and U+FFFE dropped (as in cells), the line break shown as _
    expect(sheetName(`${'x'.repeat(30)}😀`, taken)).toBe('x'.repeat(30));
  });
});

describe('buildOutputSheets', () => {
  const tables: Record<string, RawRow[]> = {
    Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
    Pools: [{ Pool: 'BCF', Host: 'CC' }, { Pool: 'BAD', Host: 'XX' }],
    Lines: [{ Pool: 'BCF', Line: 'L', Forecast: 1100 }, { Pool: 'BAD', Line: 'L', Forecast: 1 }],
    Contributions: [
      { Pool: 'BCF', Line: 'L', Partner: 'CC', Gross: 600 },
      { Pool: 'BCF', Line: 'L', Partner: 'ICB', Gross: 400 },
      { Pool: 'BAD', Line: 'L', Partner: 'CC', Gross: 1 },
    ],
    Payments: [{ Pool: 'BCF', Partner: 'ICB', Period: '2025-04', Amount: 400 }],
    Settings: [{ Setting: 'Units', Value: "£'000" }, { Setting: 'Year start', Value: '2025-04' }],
  };
  const result = run({ tables });
  const sheets = buildOutputSheets(result);

  test('sheets in order, rectangular, formats the same shape, text marked as text', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Pool results', 'CC', 'ICB', 'Settlement', 'Statements', 'Warnings']);
    for (const s of sheets) {
      const width = s.values[0].length;
      expect(s.values.every((r) => r.length === width)).toBe(true);
      expect(s.numberFormats.map((r) => r.length)).toEqual(s.values.map((r) => r.length));
      expect(s.columnWidths).toHaveLength(width);
      s.values.forEach((r, i) => r.forEach((v, j) => {
        if (typeof v === 'string') expect(s.numberFormats[i][j]).toBe('@');
        if (typeof v === 'number' && s.numberFormats[i][j] !== '0') expect(s.numberFormats[i][j]).toMatch(/^#,##0\.00;|%|mmm yyyy/);
        expect(String(s.numberFormats[i][j])).not.toMatch(/k"/); // £'000 figures are never shown as "£140,952.00k"
      }));
      // Each Excel table's header row is text and unique; its range lies inside the block.
      for (const t of s.tables) {
        const [from, to] = t.range.split(':').map(parseA1);
        expect(to.row).toBeLessThanOrEqual(s.values.length);
        const header = s.values[from.row - 1].slice(from.col - 1, to.col);
        expect(new Set(header).size).toBe(header.length);
        expect(header.every((h) => typeof h === 'string')).toBe(true);
      }
    }
    const names = sheets.flatMap((s) => s.tables.map((t) => t.name));
    expect(new Set(names).size).toBe(names.length);
  });

  test("£'000 in the headers, a plain number format; a failed pool listed with its status", () => {
    expect(currencyFormat("£'000")).toBe('#,##0.00;-#,##0.00');
    expect(currencyFormat('£')).toBe('"£"#,##0.00;-"£"#,##0.00');
    const pools = sheets[0];
    expect(pools.values[0].slice(4, 7)).toEqual(["Budget (£'000)", "Outturn (£'000)", "Variance (£'000)"]);
    expect(pools.values[1].slice(0, 7)).toEqual(['BCF', 'pooled', 'CC', 'proportional', 1000, 1100, 100]);
    expect(pools.numberFormats[1][4]).toBe(currencyFormat("£'000"));
    expect(pools.values[2][0]).toBe('BAD');
    expect(pools.values[2][10]).toMatch(/^not run: \d+ errors? \(see Warnings\); not in the positions or payments$/);
  });

  test('a partner sheet holds its figures, trail, schedule and netting', () => {
    const icb = sheets[2].values;
    const row = icb.find((r) => r[0] === 'BCF' && r[1] === 'pooled')!;
    expect(row.slice(3)).toEqual([400, 0.4, 0, 40, 440, 400, 40]);
    expect(icb.find((r) => r[1] === 'share')).toEqual(['BCF', 'share', null, 40, '400.00/1,000.00 of 100.00', null, null, null, null, null]);
    expect(icb.filter((r) => r[4] === 'instalment')).toHaveLength(12);
    // April 2026 as an Excel date: 46113 days after 1899-12-30.
    // Paid 0, outstanding 40 (yearend.md: ICB's 400 covers its instalments, none of the balancing 40).
    expect(icb.find((r) => r[4] === 'balancing')).toEqual(['BCF', 'ICB', 'CC', 46113, 'balancing', 40, 0, 40, null, null]);
    expect(icb.find((r) => r[0] === 'pays')).toEqual(['pays', 'CC', 40, null, null, null, null, null, null, null]);
  });
});
