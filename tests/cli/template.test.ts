/**
 * The template's single definition (src/workbook/template.ts) against the rules' lists: every input
 * table with its columns (workbook.md "Input tables", monitoring.md Forecasts, options.md Options and
 * Scenarios), every documented setting in the Setting column's list (so `Period` is typeable), and
 * Instructions that mention Forecasts, Options and Scenarios (with an example row) and no stray line.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { EXAMPLE_ROWS, TEMPLATE_FORMATS, TEMPLATE_SETTINGS, TEMPLATE_TABLES, columnFormat, instructions,
  settingFormat, templateSettings } from '../../src/workbook/template';
import { NETTING_MODES } from '../../src/engine/types';
import { run } from '../../src/engine';

/**
 * The rules' input tables and their columns, as the spec lists them (retyped from workbook.md
 * "Input tables", monitoring.md "Forecasts", options.md "Input"; the repository may not point at
 * the spec itself), with the optional Name of Pools that docs/rules.md adds: required columns marked *.
 */
const SPEC_TABLES: Record<string, string> = {
  Partners: 'Partner*, Name',
  Pools: 'Pool*, Kind, Host, Method, Reserve, Underspend, Basis, Name', // Name: docs/rules.md, the pool's full name
  Lines: 'Pool*, Line*, Lead, Forecast',
  Contributions: 'Pool*, Line*, Partner*, Gross*, Income, Grant, Net, Spend',
  RiskShare: 'Pool*, Partner, Percent, Cap, From, To, Band method',
  Savings: 'Pool*, Line*, Partner*, Planned*, Delivered, Agreed, Period, Saving',
  Payments: 'Pool*, Partner*, Date, Period, Amount*',
  Settings: 'Setting*, Value*',
  Forecasts: 'Pool*, Line*, Period*, Forecast, Partner, Spend',
  Options: 'Option*, Pool*, Method, Basis, Reserve, Underspend, Partner, Percent, Cap, From, To, Band method',
  Scenarios: 'Scenario*, Pool*, Line*, Forecast, Partner, Spend',
};
/** The documented settings: workbook.md (five), monitoring.md (Period), yearend.md (Statement threshold). */
const SPEC_SETTINGS = ['Units', 'Year start', 'Frequency', 'Netting', 'Materiality', 'Period', 'Statement threshold'];

const table = (name: string) => TEMPLATE_TABLES.find((t) => t.name === name)!;

test('every input table of the rules, with its columns in the rules\' order and its required ones', () => {
  expect(TEMPLATE_TABLES.map((t) => t.name).sort()).toEqual(Object.keys(SPEC_TABLES).sort());
  for (const [name, columns] of Object.entries(SPEC_TABLES)) {
    const listed = table(name).columns.map((c) => `${c.header}${c.required ? '*' : ''}`).join(', ');
    expect(`${name}: ${listed}`).toBe(`${name}: ${columns}`);
  }
});

test('every table and setting in docs/rules.md is in the template', () => {
  const rules = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  const tables = [...rules.matchAll(/^### (\w+) \((?:required|optional)\)/gm)].map((m) => m[1]);
  expect(tables.length).toBeGreaterThanOrEqual(9);
  for (const t of tables) expect(TEMPLATE_TABLES.map((x) => x.name)).toContain(t);
  const settings = rules.slice(rules.indexOf('\n## Settings\n'));
  const names = [...settings.slice(0, settings.indexOf('\n## ', 3)).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThanOrEqual(6);
  for (const n of names) expect(TEMPLATE_SETTINGS.map((s) => s.setting)).toContain(n);
});

test('the Setting column is checked against every documented setting, as a warning (Period is typeable)', () => {
  const setting = table('Settings').columns.find((c) => c.header === 'Setting')!;
  expect(setting.choices).toEqual({ list: SPEC_SETTINGS, strict: false });
  expect(TEMPLATE_SETTINGS.map((s) => s.setting)).toEqual(SPEC_SETTINGS);
  // Excel's limit on a list typed into a validation rule: 255 characters.
  for (const t of TEMPLATE_TABLES) for (const c of t.columns) {
    if (c.choices) expect(c.choices.list.join(',').length).toBeLessThanOrEqual(255);
  }
});

test('choice lists are the engine\'s own lists', () => {
  expect(table('Pools').columns.find((c) => c.header === 'Method')!.choices!.list)
    .toEqual(['proportional', 'fixed', 'lead', 'banded']);
  expect(table('Options').columns.find((c) => c.header === 'Band method')!.choices).toEqual(
    { list: ['proportional', 'fixed'], strict: true });
  expect(TEMPLATE_SETTINGS.find((s) => s.setting === 'Netting')!.choices).toEqual(NETTING_MODES);
});

test('formats: amounts as amounts, periods and codes as text, dates as dates, Settings values by setting', () => {
  expect(columnFormat('Contributions', 'Gross')).toBe(TEMPLATE_FORMATS.amount);
  expect(columnFormat('Forecasts', 'Period')).toBe('@');
  expect(columnFormat('Payments', 'Date')).toBe('yyyy-mm-dd');
  expect(columnFormat('Partners', 'Partner')).toBe('@');
  expect(columnFormat('RiskShare', 'Percent')).toBe('0.00');
  expect(settingFormat('Materiality')).toBe('0.00');
  expect(settingFormat('Period')).toBe('@');
  expect(settingFormat('Statement threshold')).toBe(TEMPLATE_FORMATS.amount);
});

test('a new template\'s Settings rows: the defaults, read by the engine with no warning', () => {
  const rows = templateSettings(new Date(Date.UTC(2026, 1, 15)));
  expect(rows).toEqual([
    { Setting: 'Units', Value: '£' },
    { Setting: 'Year start', Value: '2025-04' }, // February 2026 is in the year from April 2025
    { Setting: 'Frequency', Value: 'monthly' },
    { Setting: 'Netting', Value: 'multilateral' },
    { Setting: 'Materiality', Value: 5 },
  ]);
  const tables = { Partners: [{ Partner: 'A' }], Pools: [{ Pool: 'P', Host: 'A' }],
    Lines: [{ Pool: 'P', Line: 'L', Forecast: 10 }], Contributions: [{ Pool: 'P', Line: 'L', Partner: 'A', Gross: 10 }],
    Settings: rows };
  const codes = run({ tables }).warnings.filter((w) => w.table === 'Settings').map((w) => w.code);
  expect(codes).toEqual([]);
});

test('Instructions mention every table, show example rows, and have no stray line', () => {
  const lines = instructions();
  const text = lines.join('\n');
  for (const t of TEMPLATE_TABLES) expect(text).toMatch(new RegExp(`\\b${t.name}\\b`));
  for (const s of SPEC_SETTINGS) expect(text).toContain(`  ${s}: `);
  expect(text).toContain('e.g. Option Fixed 60/40, Pool BCF, Method fixed, Partner CC, Percent 60');
  for (const name of Object.keys(EXAMPLE_ROWS)) {
    // The table's line, its continuation lines, then its example.
    expect(text).toMatch(new RegExp(`^${name}\\b[^\\n]*\\n(  [^\\n]*\\n)*  e\\.g\\. `, 'm'));
  }
  // A continuation line carries more than a couple of words (issue 21: a line reading "  are found").
  for (const l of lines.filter((x) => x.startsWith('  '))) expect(l.trim().split(/\s+/).length).toBeGreaterThan(2);
  expect(text).not.toMatch(/^\s+are found\s*$/m);
});
