/**
 * The add-in against the one fake of Excel (tests/addin/fake-excel.js): no input table is ever
 * written (values, number formats, tables, renames, deletes: only highlight fills, which it
 * restores), the user's cells are unchanged, round trips as stated in src/excel/adapter.ts and as
 * counted by the fake, and hostile workbooks never make a job throw.
 */
import fc from 'fast-check';
import { fakeExcel, workbookSheets, type FakeSheetSpec, type FakeWorkbook as Wb } from '../../bench/addin';
import { generateWorkbook } from '../../bench/generate';
import { buildSchedules, validateWorkbook } from '../../src/excel/adapter';
import { READ_CELLS } from '../../src/excel/plan';
import { excelCell } from '../fuzz/arbitraries';

fc.configureGlobal({ seed: process.env.FUZZ_SEED && process.env.FUZZ_SEED !== 'random' ? Number(process.env.FUZZ_SEED) : 20251125 });

const fake = fakeExcel();

/** A small workbook with an error (NET_MISMATCH) and warnings, so highlights land on input cells. */
function smallWorkbook(): FakeSheetSpec[] {
  return [
    { name: 'Partners', table: 'Partners', values: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']] },
    { name: 'Pools', table: 'Pools', values: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional'], ['LD', 'pooled', 'ICB', '']] },
    { name: 'Lines', table: 'Lines', values: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Reablement', 'CC', 1100], ['LD', 'Supported living', 'ICB', 2000]] },
    {
      name: 'Contributions',
      table: 'Contributions',
      values: [
        ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
        ['BCF', 'Reablement', 'CC', 600, '', '', 650], // NET_MISMATCH: BCF stops
        ['BCF', 'Reablement', 'ICB', 400, '', '', ''],
        ['LD', 'Supported living', 'CC', 1000, '', '', ''],
        ['LD', 'Supported living', 'ICB', 1000, '', '', ''],
      ],
    },
    // Plain sheet ranges, not Excel tables, at an offset.
    { name: 'Payments', values: [['Pool', 'Partner', 'Period', 'Amount'], ['LD', 'CC', '2025-04', 100]], top: 1, left: 1 },
    { name: 'Settings', values: [['Setting', 'Value'], ['Year start', '2025-04']] },
    // A user's sheet holding a name Poolshare writes: must be left alone.
    { name: 'Settlement', values: [['My own notes', 'keep me']] },
  ];
}

function setup(specs: FakeSheetSpec[]) {
  const wb = fake.fromSpecs(specs);
  const host = fake.install(globalThis, wb, { office: true });
  return { wb, counted: () => host.syncCounts().reduce((a, b) => a + b, 0) };
}

function expectNoInputWrites(wb: Wb, before: Record<string, string>) {
  expect(wb.userSheetWrites()).toEqual([]);
  expect(wb.userCells()).toEqual(before);
  const users = new Set(wb.sheets.filter((s) => s.user).map((s) => s.id));
  expect(wb.writes.filter((w) => users.has(w.sheetId) && !['fill', 'fill.clear'].includes(w.kind))).toEqual([]);
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

describe('the add-in on the Excel fake', () => {
  test('validate and build schedules, twice: no input written; small: 4 reads and 2 writes at most', async () => {
    const { wb } = setup(smallWorkbook());
    const before = wb.userCells();
    for (let i = 0; i < 2; i++) {
      const v = await validateWorkbook();
      expect(v.syncs.read).toBeLessThanOrEqual(4); // 2 + 1 chunk + the fills to highlight
      expect(v.syncs.write).toBeLessThanOrEqual(2); // the warnings sheet, then the highlights
      expect(v.warnings.some((w) => w.code === 'NET_MISMATCH')).toBe(true);
      const b = await buildSchedules();
      expect(b.syncs.read).toBe(3);
      expect(b.syncs.write).toBe(1);
      expect(b.written).not.toContain('Settlement'); // the user's Settlement sheet keeps its name
      expectNoInputWrites(wb, before);
    }
    expect(wb.writes.some((w) => w.kind === 'fill')).toBe(true);
  });

  test('the generated 1k workbook: no input written, round trips counted by the fake match the report', async () => {
    const { wb, counted } = setup(workbookSheets(generateWorkbook({ rows: 1000 })));
    const before = wb.userCells();
    let s0 = counted();
    const v = await validateWorkbook();
    expect(counted() - s0).toBe(v.syncs.read + v.syncs.write);
    s0 = counted();
    const b = await buildSchedules();
    expect(counted() - s0).toBe(b.syncs.read + b.syncs.write);
    expect(b.written.length).toBeGreaterThan(3);
    expectNoInputWrites(wb, before);
  });

  test('hostile cells in the input tables: jobs never throw and never write the inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ sheet: fc.nat(5), row: fc.nat(4), col: fc.nat(6), value: excelCell }), { minLength: 1, maxLength: 8 }),
        async (edits) => {
          const specs = smallWorkbook();
          for (const e of edits) {
            const s = specs[e.sheet % specs.length];
            const r = 1 + (e.row % Math.max(1, s.values.length - 1));
            if (s.values[r]) s.values[r][e.col % s.values[r].length] = e.value ?? '';
          }
          const { wb } = setup(specs);
          const before = wb.userCells();
          const v = await validateWorkbook();
          const b = await buildSchedules();
          expect(v.syncs.read).toBeLessThanOrEqual(3 + Math.ceil(1000 / READ_CELLS));
          expect(Math.max(v.syncs.write, b.syncs.write)).toBeLessThanOrEqual(2);
          expectNoInputWrites(wb, before);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('hidden sheets, merges, defined names and a protected structure: jobs end well and never write the inputs', async () => {
    type Strict = Wb & { hide(name: string, how: string): void; merge(name: string, address: string): void;
      addName(name: string, ref: string): void; structureProtected: boolean };
    const names = ['Partners', 'Pools', 'Lines', 'Contributions', 'Payments', 'Settings', 'Settlement'];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          hidden: fc.array(fc.record({ sheet: fc.nat(6), very: fc.boolean() }), { maxLength: 3 }),
          merges: fc.array(fc.record({ sheet: fc.nat(6), row: fc.nat(3), col: fc.nat(5), wide: fc.integer({ min: 1, max: 2 }) }),
            { maxLength: 3 }),
          defined: fc.array(fc.constantFrom('tblPositions', 'tblPoolResults', 'Settings', 'tblWarnings', 'Budget'), { maxLength: 2 }),
          locked: fc.boolean(),
        }),
        async ({ hidden, merges, defined, locked }) => {
          const { wb } = setup(smallWorkbook());
          const strict = wb as Strict;
          for (const h of hidden) strict.hide(names[h.sheet], h.very ? 'VeryHidden' : 'Hidden');
          for (const m of merges) strict.merge(names[m.sheet], `${'ABCDEFG'[m.col]}${m.row + 1}:${'ABCDEFGH'[m.col + m.wide]}${m.row + 1}`);
          for (const d of new Set(defined)) strict.addName(d, '=Partners!$A$1');
          strict.structureProtected = locked;
          const before = wb.userCells();
          const v = await validateWorkbook(); // Validate never throws: a refusal is a note
          expect(v.warnings.length).toBeGreaterThan(0);
          if (locked) await expect(buildSchedules()).rejects.toThrow(/wrote nothing: the workbook's structure is protected/);
          else expect((await buildSchedules()).written.length).toBeGreaterThan(0);
          expectNoInputWrites(wb, before);
        },
      ),
      { numRuns: 60 },
    );
  });
});
