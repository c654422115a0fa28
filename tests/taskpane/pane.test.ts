/**
 * The task pane's pure parts, without a browser: where a figure was written (links.ts) against
 * the sheets the workbook layer builds, one-line messages, grouping by code, amounts as shown,
 * the theme's light/dark decision. (tests/browser runs the pane itself in Chromium.)
 */
import { PartialWriteError } from '../../src/excel/adapter';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/engine/run';
import { SEVERITY } from '../../src/engine/warnings';
import type { RunResult, Warning } from '../../src/engine/types';
import { buildOutputSheets, parseA1 } from '../../src/workbook';
import { findInSheet, linkFigures, linkMonitoring, linkOptions, monitoringRef } from '../../src/taskpane/links';
import { optionsRef } from '../../src/taskpane/options';
import { options } from '../../src/engine/options';
import { optionsSheet } from '../../src/workbook';
import { monitor } from '../../src/engine/monitor';
import { isMonitorPool } from '../../src/engine/monitor/types';
import { monitoringSheet } from '../../src/workbook';
import { amount, listText, money, namesOf, periodText, settingsText, titleOf, yearText } from '../../src/taskpane/format';
import { contrast, luminance, mix, readable } from '../../src/taskpane/theme';
import { failureText, groupByCode, oneLine } from '../../src/taskpane/view';

const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/poolshare-example.json'), 'utf8'));
const result: RunResult = run(example, { today: new Date('2026-01-15') });
const outs = buildOutputSheets(result);
const valueAt = (sheet: string, cell: string) => {
  const out = outs.find((o) => o.name === sheet) ?? outs[result.positions.findIndex((p) => p.partner === sheet) + 1];
  const { row, col } = parseA1(cell);
  return out.values[row - 1][col - 1];
};

describe('linkMonitoring: each pool\'s figures at the period reported on, to their cells on Monitoring', () => {
  it('finds budget, outturn, variance and movement of every pool, holding the same amounts', () => {
    const m = monitor(example);
    const sheet = monitoringSheet(m);
    const link = linkMonitoring(m, ['Monitoring', 'Poolshare warnings']);
    let found = 0;
    for (const pool of m.pools.filter(isMonitorPool)) {
      const now = pool.periods[pool.periods.length - 1];
      for (const [header, value] of [['Budget', pool.budget], ['Outturn', now.outturn], ['Variance', now.variance],
        ['Movement', now.movement]] as const) {
        if (value === null) continue;
        const at = link(monitoringRef(pool.pool, now.period, header));
        expect({ pool: pool.pool, header, sheet: at?.sheet }).toEqual({ pool: pool.pool, header, sheet: 'Monitoring' });
        const { row, col } = parseA1(at!.cell);
        expect({ pool: pool.pool, header, v: sheet.values[row - 1][col - 1] }).toEqual({ pool: pool.pool, header, v: Number(value) });
        found++;
      }
    }
    expect(found).toBeGreaterThanOrEqual(15);
    expect(link(monitoringRef('BCF', '2031-01', 'Budget'))).toBeNull();
  });
});

describe('linkOptions: every final cost the Options view shows, to its cell on Options results', () => {
  for (const units of ['£', "£'000"]) {
    it(`finds every pool, option, scenario and partner's final cost, holding the same amount (${units})`, () => {
      const tables = { ...example.tables,
        Settings: [...example.tables.Settings.filter((r: { Setting: string }) => r.Setting !== 'Units'),
          { Setting: 'Units', Value: units }],
        Options: [{ Option: 'Even', Pool: 'LD', Method: 'fixed', Partner: 'CC', Percent: 50 },
          { Option: 'Even', Pool: 'LD', Partner: 'ICB', Percent: 50 }],
        Scenarios: [{ Scenario: 'Worse', Pool: 'LD', Line: 'Supported living', Forecast: 31000000 }] };
      const r = { ...options({ tables }), named: ['LD'] };
      expect(r.units).toBe(units);
      const sheet = { ...optionsSheet(r), name: 'Options results' };
      const link = linkOptions(r, ['Options results', 'Poolshare warnings']);
      let found = 0;
      for (const pool of r.pools) {
        for (const e of pool.results) {
          for (const p of e.partners ?? []) {
            const at = link(optionsRef(r, pool.pool, e.option, e.scenario, p.partner));
            const { row, col } = parseA1(at!.cell);
            expect({ at: at?.sheet, v: sheet.values[row - 1][col - 1] }).toEqual({ at: 'Options results', v: Number(p.finalCost) });
            found++;
          }
        }
      }
      expect(found).toBe(r.pools.reduce((n, p) => n + p.results.reduce((m, e) => m + (e.partners?.length ?? 0), 0), 0));
      expect(found).toBeGreaterThanOrEqual(40);
      expect(link(optionsRef(r, 'LD', 'Nowhere', 'Forecast', 'CC'))).toBeNull();
    });
  }
});

describe('linkFigures: each figure to the cell it was written to', () => {
  const written = outs.map((o) => (o.name === 'Warnings' ? 'Poolshare warnings' : o.name));
  const link = linkFigures(result, written);

  it('finds a pool figure on Pool results by pool and header (hand-checked: BCF variance is G2)', () => {
    expect(link({ table: 'tblPoolResults', key: { Pool: 'BCF' }, header: 'Variance' })).toEqual({ sheet: 'Pool results', cell: 'G2' });
    expect(valueAt('Pool results', 'G2')).toBe(215000);
  });

  it('finds every partner figure of every pool on that partner\'s sheet, holding the same amount', () => {
    for (const pool of result.pools) {
      if ('errors' in pool) continue;
      for (const p of pool.partners) {
        for (const [header, value] of [['Risk share', p.riskShare], ['Final cost', p.finalCost], ['Balance', p.balance]] as const) {
          const at = link({ table: /^tblP\d+Pools$/, first: ['Partner', p.partner], key: { Pool: pool.pool }, header });
          expect(at).not.toBeNull();
          const out = outs.find((o) => o.name === at!.sheet)!;
          const { row, col } = parseA1(at!.cell);
          expect({ pool: pool.pool, partner: p.partner, header, v: out.values[row - 1][col - 1] }).toEqual({ pool: pool.pool, partner: p.partner, header, v: Number(value) });
        }
      }
    }
  });

  it('finds positions and payments after netting (not before) on Settlement', () => {
    for (const p of result.netting.payments) {
      const at = link({ table: 'tblAfterNetting', key: { From: p.from, To: p.to }, header: 'Amount' })!;
      expect(at.sheet).toBe('Settlement');
      expect(valueAt('Settlement', at.cell)).toBe(Number(p.amount));
    }
    const cc = link({ table: 'tblPositions', key: { Partner: 'CC' }, header: 'Position' })!;
    expect(valueAt('Settlement', cc.cell)).toBe(Number(result.positions[0].position));
  });

  it('uses the names the job reports, by position, and finds nothing it cannot place', () => {
    const renamed = linkFigures(result, written.map((n) => (n === 'Settlement' ? 'Settlement (2)' : n)));
    expect(renamed({ table: 'tblPositions', key: { Partner: 'CC' }, header: 'Position' })?.sheet).toBe('Settlement (2)');
    // Fewer sheets reported than built: matched by name, the rest unlinked.
    const some = linkFigures(result, ['Pool results']);
    expect(some({ table: 'tblPoolResults', key: { Pool: 'BCF' }, header: 'Budget' })).toEqual({ sheet: 'Pool results', cell: 'E2' });
    expect(some({ table: 'tblPositions', key: { Partner: 'CC' }, header: 'Position' })).toBeNull();
    expect(link({ table: 'tblPoolResults', key: { Pool: 'NOPE' }, header: 'Budget' })).toBeNull();
    expect(link({ table: 'tblPoolResults', key: { Pool: 'BCF' }, header: 'No such column' })).toBeNull();
  });

  it('follows a change of layout: a column moved or a row added above still finds the figure', () => {
    const pools = outs[0];
    const moved = {
      ...pools,
      values: [[null, null, null, null, null, null, null, null, null, null, null, null], ...pools.values.map((r) => [...r.slice(6, 7), ...r.slice(0, 6), ...r.slice(7), null])],
      tables: [{ name: 'tblPoolResults', range: `A2:K${pools.values.length + 1}` }],
    };
    const cell = findInSheet(moved, { table: 'tblPoolResults', key: { Pool: 'BCF' }, header: 'Variance' })!;
    expect(cell).toBe('A3');
  });
});

describe('the pane\'s words and numbers', () => {
  const w = (o: Partial<Warning>): Warning => ({ code: 'NET_MISMATCH', severity: 'error', message: '', ...o });

  it('drops a message\'s own location, keeps everything else, on one line', () => {
    expect(oneLine(w({ sheet: 'Report', cell: 'B21', message: 'Report!B21: the net row is not gross less deductions.' })))
      .toBe('The net row is not gross less deductions.');
    expect(oneLine(w({ table: 'RiskShare', row: 4, column: 'Partner', message: 'RiskShare row 4, column Partner: a fixed band\nneeds a partner.' })))
      .toBe('A fixed band needs a partner.');
    expect(oneLine(w({ table: 'Savings', row: 1, message: 'Savings row 1: CC bears the shortfall.' }))).toBe('CC bears the shortfall.');
    // Another row's location is not this warning's: kept.
    expect(oneLine(w({ table: 'Savings', row: 2, message: 'Savings row 1: CC bears the shortfall.' }))).toBe('Savings row 1: CC bears the shortfall.');
  });

  it('groups by code, errors first then the largest groups, counting every warning once', () => {
    fc.assert(fc.property(fc.array(fc.record({
      code: fc.constantFrom('NET_MISMATCH', 'UNKNOWN_POOL', 'OVERPAID', 'TOTAL_ROW'),
      severity: fc.constantFrom('error', 'warning', 'info'),
    }), { maxLength: 60 }), (xs) => {
      const list = xs.map((x) => w(x as Partial<Warning>));
      const groups = groupByCode(list);
      expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(list.length);
      expect(new Set(groups.map((g) => g.code)).size).toBe(groups.length);
      const rank = { error: 0, warning: 1, info: 2 };
      for (let i = 1; i < groups.length; i++) expect(rank[groups[i - 1].severity]).toBeLessThanOrEqual(rank[groups[i].severity]);
    }));
  });

  it('shows amounts exactly, grouped, with a true minus sign', () => {
    expect(amount('1234567.89')).toBe('1,234,567.89');
    expect(amount('-187000.00')).toBe('\u2212187,000.00');
    expect(amount('0.00')).toBe('0.00');
    expect(amount('12345678901234567.01')).toBe('12,345,678,901,234,567.01');
  });

  it('shows a partial write as the adapter words it (what was written in full and in part), never "nothing"', () => {
    const e = new PartialWriteError('Build schedules stopped part way: Excel refused a write (payload too large). '
      + 'Written in full: Pool results. Written in part or not at all: CC. Run it again: those sheets are rewritten.',
    ['Pool results'], ['CC']);
    const text = failureText('Building the schedules', e);
    expect(text).toContain('Written in full: Pool results');
    expect(text).toContain('Written in part or not at all: CC');
    expect(text).not.toContain('Nothing was written');
    expect(failureText('Validation', new Error('busy'))).toBe('Validation failed: busy. Nothing was written.');
  });

  it('says any rejection in one plain sentence with its code: Error, Office error, plain object, string, undefined', () => {
    const office = Object.assign(new Error('The workbook is locked for editing'), { code: 'InvalidOperation',
      debugInfo: { errorLocation: 'Worksheet.add' } });
    expect(failureText('Building the schedules', office))
      .toBe('Building the schedules failed: The workbook is locked for editing (InvalidOperation) at Worksheet.add. '
        + 'Nothing was written.');
    // A plain object with a code and no message: never "[object Object]".
    expect(failureText('Validation', { code: 'AccessDenied' }))
      .toBe('Validation failed: Excel refused the request (AccessDenied). Nothing was written.');
    expect(failureText('Validation', { error: { code: 'GeneralException', message: 'Busy.' } }))
      .toBe('Validation failed: Busy (GeneralException). Nothing was written.');
    expect(failureText('Validation', 'Network down')).toBe('Validation failed: Network down. Nothing was written.');
    expect(failureText('Validation', undefined)).toBe('Validation failed: Excel gave no reason. Nothing was written.');
    expect(failureText('Validation', null)).toBe('Validation failed: Excel gave no reason. Nothing was written.');
    expect(failureText('Validation', {})).toBe('Validation failed: Excel gave no reason. Nothing was written.');
    // A code the message already says is not repeated.
    expect(failureText('Validation', Object.assign(new Error('ItemNotFound: no sheet'), { code: 'ItemNotFound' })))
      .toBe('Validation failed: ItemNotFound: no sheet. Nothing was written.');
    fc.assert(fc.property(fc.anything(), (e) => {
      const text = failureText('Validation', e);
      expect(text).toMatch(/^Validation failed: .+\.$/);
      expect(text).not.toMatch(/\[object |undefined\.|null\./);
    }));
  });

  it('reads Office\'s body colour as dark or light', () => {
    expect(luminance('#262626')! < 0.4).toBe(true);
    expect(luminance('#FFFFFF')).toBeCloseTo(1, 5);
    expect(luminance('red')).toBeNull();
  });

  it('moves a text colour towards the foreground until it reads at 4.5:1 on Office\'s dark grey', () => {
    // WCAG: black on white is (1 + 0.05) / (0 + 0.05) = 21.
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    // Fluent's dark link blue #479ef5 on Dark Gray's #444444 reads at about 3.4:1: lightened to pass.
    expect(contrast('#479ef5', '#444444')).toBeLessThan(4.5);
    const fixed = readable('#479ef5', '#444444', '#ffffff');
    expect(contrast(fixed, '#444444')).toBeGreaterThanOrEqual(4.5);
    // A colour that already reads is left alone.
    expect(readable('#ffffff', '#444444', '#ffffff')).toBe('#ffffff');
  });
});

describe('figures and words as the pane shows them', () => {
  it('puts £ on every amount, one true minus, thousands in a £\'000 book marked k', () => {
    expect(money('1234567.89', '£')).toBe('£1,234,567.89');
    expect(money('-187000.00', '£')).toBe('\u2212£187,000.00');
    expect(money('-1.50', "£'000")).toBe('\u2212£1.50k');
    expect(money('0.00', '£')).toBe('£0.00');
  });

  it('says periods and years as people do', () => {
    expect(periodText('2025-05')).toBe('May 2025');
    expect(periodText('2026-03')).toBe('March 2026');
    expect(periodText('Q1')).toBe('Q1');
    expect(yearText('2025-04')).toBe('2025/26');
    expect(yearText('2099-04')).toBe('2099/00');
    expect(yearText('2025-01')).toBe('2025');
  });

  it('names partners and pools with their code beside, or the code alone', () => {
    const names = namesOf({ partners: [{ partner: 'CC', name: 'County Council' }, { partner: 'ICB', name: null }],
      poolNames: [{ pool: 'BCF', name: 'Better Care Fund' }, { pool: 'LD', name: null }] } as never);
    expect(names.partner('CC')).toBe('County Council (CC)');
    expect(names.partner('ICB')).toBe('ICB');
    expect(names.partner('XX')).toBe('XX');
    expect(names.pool('BCF')).toBe('Better Care Fund (BCF)');
    expect(names.pool('LD')).toBe('LD');
    expect(namesOf({}).pool('BCF')).toBe('BCF');
    expect(settingsText({ kind: 'pooled', method: 'proportional', host: 'CC' }, names))
      .toBe('Pooled fund; shared in proportion to contributions; host: County Council (CC).');
    expect(settingsText({ kind: null, method: null, host: null }, names)).toBe('');
    expect(listText(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('gives every warning code the engine raises a plain title (the code only as a fallback)', () => {
    expect(titleOf('NOT_A_NUMBER')).toBe('Amounts that are not numbers');
    expect(titleOf('SOME_NEW_CODE')).toBe('Some new code');
    // Every code of the engine's table (warnings.ts SEVERITY) has a title written for it, not the fallback.
    const codes = Object.keys(SEVERITY);
    expect(codes.length).toBeGreaterThan(30);
    const untitled = codes.filter((c) => titleOf(c) === `${c.charAt(0)}${c.slice(1).toLowerCase().replace(/_/g, ' ')}`);
    expect(untitled).toEqual([]);
  });
});
