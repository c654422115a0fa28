/**
 * fast-check generators of hostile workbook content: cells as Excel or a JSON file can hold them
 * (numbers huge and tiny, NaN-like text, Excel errors, booleans, unicode, formula-injection and
 * markup names), table headers in odd spellings, whole sheets, Excel tables and report blocks.
 */
import fc from 'fast-check';
import { TABLES } from '../../src/engine/tables';
import type { CellValue } from '../../src/engine/types';

export const EXCEL_ERRORS = ['#REF!', '#N/A', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];

export const HOSTILE_TEXT = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://example.invalid","x")',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  'null',
  'TRUE',
  '1e309',
  '-1e-320',
  '0x1F',
  '1,2,3',
  '1.2.3',
  '((1))',
  '(1,234)',
  '£1,234.50',
  '-£5',
  '£-5',
  "£'000",
  '45%',
  '%',
  '-',
  ' – ',
  '—',
  '--',
  '.',
  '',
  '   ',
  '\t',
  '\u00a01,000\u00a0',
  '１２３', // full-width digits
  '١٢٣', // Arabic-Indic digits
  '\u202e1234', // right-to-left override
  '\u0000',
  '\ud83d\udca9',
  'Ünïcödé Pööl',
  'x'.repeat(300),
];

/** Partner, pool and line names that sometimes match each other, so references half-work. */
export const NAMES = ['CC', 'ICB', 'cc', ' ICB ', 'DC1', 'XX', 'BCF', 'bcf', 'LD', 'Pool 1', 'Reablement', 'Care homes',
  'Total', 'Sub-total:', 'GRAND TOTAL', '-'];

export const KEYWORDS = [
  'pooled', 'aligned', 'proportional', 'fixed', 'lead', 'banded', 'share', 'return', 'reserve', 'net', 'gross',
  'yes', 'no', 'Y', 'monthly', 'quarterly', 'multilateral', 'bilateral', '2025-04', '2025-13', '25-04', "£'000", '£',
  'Units', 'Year start', 'Frequency', 'Netting', 'Materiality',
];

export const number: fc.Arbitrary<number> = fc.oneof(
  fc.double(), // includes NaN, ±Infinity, -0, subnormals
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 1e-12, 9007199254740993, 0.1 + 0.2, 100, 1234.5),
);

/** A cell as Excel's Range.values or an .xlsx reader gives it. */
export const excelCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: number },
  { weight: 2, arbitrary: fc.constantFrom(...EXCEL_ERRORS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constantFrom<CellValue>('', null) },
);

/** Also what a JSON or an API caller can pass: undefined. */
export const anyCell: fc.Arbitrary<CellValue> = fc.oneof(excelCell, fc.constant(undefined));

const ALL_HEADERS = Object.values(TABLES).flatMap((t) => t.columns.map((c) => c.header));

/** A header as a user might type it: right, in odd case or spacing, or something else entirely. */
export const header: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ALL_HEADERS) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...ALL_HEADERS), fc.constantFrom('upper', 'lower', 'pad', 'double')).map(([h, how]) =>
      how === 'upper' ? h.toUpperCase() : how === 'lower' ? h.toLowerCase() : how === 'pad' ? `  ${h} ` : h.replace(' ', '  ')),
  },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'Total', '', '#REF!', "=cmd|' /C calc'!A0", '<b>Pool</b>') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);

export const TABLE_NAMES = Object.keys(TABLES);

/** A table (or sheet) name: a spec table's, odd-cased or spaced, or another. */
export const tableName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TABLE_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...TABLE_NAMES).map((n) => n.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom('Risk Share', 'risk_share', 'Report', 'Sheet1', '__proto__', "=cmd|' /C calc'!A0", '<script>') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }) },
);

/** A 2-D array of cells, rectangular or ragged, with a header-like first row most of the time. */
export const grid: fc.Arbitrary<CellValue[][]> = fc.oneof(
  fc.tuple(fc.array(header, { minLength: 1, maxLength: 9 }), fc.array(fc.array(excelCell, { maxLength: 10 }), { maxLength: 12 }))
    .map(([h, rows]) => [h as CellValue[], ...rows]),
  fc.array(fc.array(excelCell, { maxLength: 8 }), { maxLength: 10 }),
  fc.constant([] as CellValue[][]),
  fc.constant([[]] as CellValue[][]),
);

/** A committee-report block (spec, "Report blocks") with hostile cells mixed in. */
export const reportBlock: fc.Arbitrary<CellValue[][]> = fc
  .record({
    title: fc.oneof(fc.constantFrom('Pool 1: Adults with care and support needs', 'BCF', 'Pool 2: LD'), fc.constantFrom(...HOSTILE_TEXT)),
    partners: fc.array(fc.oneof(fc.constantFrom('County Council', 'NHS commissioner', 'CC', 'ICB', 'Total'), fc.constantFrom(...HOSTILE_TEXT)), { minLength: 1, maxLength: 4 }),
    unit: fc.constantFrom("£'000", '£', '', '#N/A'),
    lines: fc.array(fc.tuple(fc.oneof(fc.constantFrom('Learning disabilities', 'Mental health', ''), fc.constantFrom(...HOSTILE_TEXT)), fc.array(excelCell, { minLength: 1, maxLength: 4 })), { maxLength: 5 }),
    gross: fc.array(excelCell, { minLength: 1, maxLength: 4 }),
    deductions: fc.array(fc.tuple(fc.constantFrom('Less service user income', 'Less grant funding', 'Less other'), fc.array(excelCell, { minLength: 1, maxLength: 4 })), { maxLength: 2 }),
    net: fc.array(excelCell, { minLength: 1, maxLength: 4 }),
    netLabel: fc.constantFrom('Net contribution', 'Net', 'net contribution '),
  })
  .map((b) => {
    const w = b.partners.length;
    const fit = (xs: CellValue[]) => Array.from({ length: w }, (_, i) => xs[i % xs.length]);
    return [
      [b.title, ...b.partners],
      ['', ...b.partners.map(() => b.unit)],
      ['Contributions to pool:', ...b.partners.map(() => '')],
      ...b.lines.map(([label, xs]) => [label, ...fit(xs)]),
      ['Gross contribution', ...fit(b.gross)],
      ...b.deductions.map(([label, xs]) => [label, ...fit(xs)]),
      [b.netLabel, ...fit(b.net)],
    ];
  });
