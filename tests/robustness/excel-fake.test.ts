/**
 * The add-in against a counting fake of Excel (bench/excel-fake.ts): no input table is ever
 * written (values, number formats, tables, renames, deletes: only highlight fills, which it
 * restores), the user's cells are unchanged, at most 3 + 3 round trips, and hostile workbooks
 * never make a job throw.
 */
import fc from 'fast-check';
import { FakeExcel, parseArea, overlaps, type FakeSheetSpec } from '../../bench/excel-fake';
import { workbookSheets } from '../../bench/addin';
import { generateWorkbook } from '../../bench/generate';
import { buildSchedules, validateWorkbook } from '../../src/excel/adapter';
import { excelCell } from '../fuzz/arbitraries';

fc.configureGlobal({ seed: process.env.FUZZ_SEED && process.env.FUZZ_SEED !== 'random' ? Number(process.env.FUZZ_SEED) : 20251125 });

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

function inputAreas(fake: FakeExcel) {
  return fake.tables.filter((t) => fake.userSheetIds.has(t.worksheet.id)).map((t) => ({ sheetId: t.worksheet.id, area: t.area }));
}

function expectNoInputWrites(fake: FakeExcel, before: ReturnType<FakeExcel['userCells']>) {
  expect(fake.userSheetWrites()).toEqual([]);
  expect(fake.userCells()).toEqual(before);
  // No user sheet was deleted or renamed.
  for (const s of fake.sheets) if (fake.userSheetIds.has(s.id)) expect(s.deleted).toBe(false);
  // Writes inside input tables are fills only (highlights).
  for (const w of fake.writes) {
    if (!w.address) continue;
    const hit = inputAreas(fake).some((a) => a.sheetId === w.sheetId && overlaps(a.area, parseArea(w.address!)));
    if (hit) expect(['fill', 'fill.clear']).toContain(w.kind);
  }
}

describe('the add-in on the Excel fake', () => {
  test('validate and build schedules, twice: no input written, at most 3 + 3 round trips', async () => {
    const fake = new FakeExcel(smallWorkbook());
    fake.install();
    const before = fake.userCells();
    for (let i = 0; i < 2; i++) {
      const v = await validateWorkbook(fake.store);
      expect(v.syncs.read).toBeLessThanOrEqual(3);
      expect(v.syncs.write).toBeLessThanOrEqual(3);
      expect(v.warnings.some((w) => w.code === 'NET_MISMATCH')).toBe(true);
      const b = await buildSchedules(fake.store);
      expect(b.syncs.read).toBeLessThanOrEqual(3);
      expect(b.syncs.write).toBeLessThanOrEqual(3);
      expect(b.written).not.toContain('Settlement'); // the user's Settlement sheet keeps its name
      expectNoInputWrites(fake, before);
    }
    // Highlights were painted on the warning's cell (a fill, not a value).
    expect(fake.writes.some((w) => w.kind === 'fill' && w.sheet === 'Contributions')).toBe(true);
  });

  test('the generated 1k workbook: no input written, round trips counted by the fake match the report', async () => {
    const fake = new FakeExcel(workbookSheets(generateWorkbook({ rows: 1000 })));
    fake.install();
    const before = fake.userCells();
    let s0 = fake.syncs;
    const v = await validateWorkbook(fake.store);
    expect(fake.syncs - s0).toBe(v.syncs.read + v.syncs.write);
    s0 = fake.syncs;
    const b = await buildSchedules(fake.store);
    expect(fake.syncs - s0).toBe(b.syncs.read + b.syncs.write);
    expect(b.written.length).toBeGreaterThan(3);
    expectNoInputWrites(fake, before);
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
          const fake = new FakeExcel(specs);
          fake.install();
          const before = fake.userCells();
          const v = await validateWorkbook(fake.store);
          const b = await buildSchedules(fake.store);
          expect(Math.max(v.syncs.read, v.syncs.write, b.syncs.read, b.syncs.write)).toBeLessThanOrEqual(3);
          expectNoInputWrites(fake, before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
