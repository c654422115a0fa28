/**
 * The input template's one definition, as pure data: the command line's `poolshare template` and
 * the add-in's Insert template both build from it. It holds every input table of the rules (the
 * workbook's tables, monitoring's Forecasts, the risk-share options' Options and Scenarios), each
 * column typed for what it holds and, where the rules give a fixed list, its choices; the Settings
 * with every documented setting (a list the Setting column is checked against, warning only, so a
 * setting is always typeable); and the Instructions sheet's lines.
 *
 * The engine's tables (src/engine/tables.ts) give the columns of the tables it reads; the choice
 * lists come from the engine's own lists, never retyped.
 */
import type { RawRow } from '../engine/types';
import { TABLES, TABLE_NAMES } from '../engine/tables';
import { defaultYearStart } from '../engine/settings';
import { NETTING_MODES } from '../engine/types';
import { BASES, KINDS, METHODS, UNDERSPEND } from '../engine/model/pools';
import { BAND_METHODS } from '../engine/model/riskshare';

/** What a column holds, which decides its number format (TEMPLATE_FORMATS). */
export type TemplateFormat = 'text' | 'amount' | 'percent' | 'date' | 'month';

/** A drop-down list on a column: `strict` refuses anything else; otherwise Excel only warns. */
export interface TemplateChoices {
  list: readonly string[];
  strict: boolean;
}

export interface TemplateColumn {
  header: string;
  required: boolean;
  format: TemplateFormat;
  choices?: TemplateChoices;
}

export interface TemplateTable {
  name: string;
  required: boolean;
  /** One line: what a row is. */
  purpose: string;
  columns: TemplateColumn[];
}

/** A documented setting: its name, default row value (null: no row in the template), format and help. */
export interface TemplateSetting {
  setting: string;
  value: string | number | null;
  format: TemplateFormat;
  help: string;
  choices?: readonly string[];
}

/** Number formats: amounts with thousands and 2 decimals, text "@" (a code 0123 or a month 2025-04 stays text). */
export const TEMPLATE_FORMATS: Record<TemplateFormat, string> = {
  text: '@',
  amount: '#,##0.00;-#,##0.00',
  percent: '0.00',
  date: 'yyyy-mm-dd',
  month: '@',
};

/** Rows below the header that carry the drop-down lists. */
export const VALIDATED_ROWS = 5000;

/** The documented settings, in the rules' order (workbook.md, monitoring.md, yearend.md). */
export const TEMPLATE_SETTINGS: TemplateSetting[] = [
  { setting: 'Units', value: '£', format: 'text', help: "£ or £'000", choices: ['£', "£'000"] },
  { setting: 'Year start', value: '', format: 'month', help: 'YYYY-MM; default the April before today' },
  { setting: 'Frequency', value: 'monthly', format: 'text', help: 'monthly or quarterly',
    choices: ['monthly', 'quarterly'] },
  { setting: 'Netting', value: NETTING_MODES[0], format: 'text', help: `${NETTING_MODES.join(', ')}`,
    choices: NETTING_MODES },
  { setting: 'Materiality', value: 5, format: 'percent', help: 'a percent of the budget, default 5' },
  { setting: 'Period', value: null, format: 'month', help: 'monitoring: the month reported on (YYYY-MM); '
    + 'default the latest in Forecasts' },
  { setting: 'Statement threshold', value: null, format: 'amount', help: 'year end: balance statements mark '
    + 'pairs whose balance is at least this (default 0)' },
];

const choice = (list: readonly string[], strict = true): TemplateChoices => ({ list, strict });

/** The columns with a fixed list of values (any table), and the Setting column's list of every setting. */
const CHOICES: Record<string, TemplateChoices> = {
  Kind: choice(KINDS),
  Method: choice(METHODS),
  Underspend: choice(UNDERSPEND),
  Basis: choice(BASES),
  'Band method': choice(BAND_METHODS),
  Agreed: choice(['yes', 'no']),
  // Every documented setting, but a warning only: a setting added later can still be typed.
  Setting: choice(TEMPLATE_SETTINGS.map((s) => s.setting), false),
};

/** A column's format: dates and months by name, otherwise by what the engine reads it as. */
function formatOf(header: string, kind: string): TemplateFormat {
  if (header === 'Date') return 'date';
  if (header === 'Period') return 'month';
  if (kind === 'amount') return 'amount';
  if (kind === 'percent') return 'percent';
  return 'text';
}

const column = (header: string, kind: string, required = false): TemplateColumn => ({
  header, required, format: formatOf(header, kind), ...(CHOICES[header] ? { choices: CHOICES[header] } : {}),
});

const PURPOSE: Record<string, string> = {
  Partners: 'one row per partner; this order is the partner order everywhere',
  Pools: 'one row per pool',
  Lines: 'one row per service line of a pool',
  Contributions: 'one row per pool, line and partner',
  RiskShare: 'one row per pool and partner, and per band',
  Savings: 'one row per saving (and per period, for monitoring)',
  Payments: 'one row per payment made to the host',
  Settings: 'one row per setting',
  Forecasts: 'in-year forecasts: one row per line and period (aligned pools: per partner)',
  Options: 'risk-share options to compare: one row per option, pool, and partner or band',
  Scenarios: 'outturn scenarios: one row per scenario and line (aligned pools: per partner)',
};

/**
 * The risk-share options' tables (options.md, "Input"), until the engine reads them: an option
 * overrides a pool's arrangement (the Pools and RiskShare columns), a scenario its lines' outturns.
 */
const OPTION_TABLES: TemplateTable[] = [
  {
    name: 'Options', required: false, purpose: PURPOSE.Options,
    columns: [column('Option', 'text', true), column('Pool', 'text', true), column('Method', 'text'),
      column('Basis', 'text'), column('Reserve', 'amount'), column('Underspend', 'text'), column('Partner', 'text'),
      column('Percent', 'percent'), column('Cap', 'amount'), column('From', 'amount'), column('To', 'amount'),
      column('Band method', 'text')],
  },
  {
    name: 'Scenarios', required: false, purpose: PURPOSE.Scenarios,
    columns: [column('Scenario', 'text', true), column('Pool', 'text', true), column('Line', 'text', true),
      column('Forecast', 'amount'), column('Partner', 'text'), column('Spend', 'amount')],
  },
];

/** Every input table, in the rules' order: the engine's (from TABLES), then Options and Scenarios. */
export const TEMPLATE_TABLES: TemplateTable[] = [
  ...TABLE_NAMES.map((name) => ({
    name, required: TABLES[name].required, purpose: PURPOSE[name] ?? '',
    columns: TABLES[name].columns.map((c) => column(c.header, c.kind, c.required ?? false)),
  })),
  ...OPTION_TABLES.filter((t) => !(TABLE_NAMES as string[]).includes(t.name)),
];

/** The Settings rows of a new template; `Year start` is the April before `today`. */
export function templateSettings(today: Date): RawRow[] {
  return TEMPLATE_SETTINGS.filter((s) => s.value !== null).map((s) => ({
    Setting: s.setting, Value: s.setting === 'Year start' ? defaultYearStart(today) : s.value,
  }));
}

/** The number format of a Settings Value cell, by its setting (text unless the setting is a number). */
export function settingFormat(setting: unknown): string {
  const s = TEMPLATE_SETTINGS.find((x) => x.setting === setting);
  return TEMPLATE_FORMATS[s?.format ?? 'text'];
}

/** The number format of a column of a template table. */
export function columnFormat(table: string, header: string): string {
  const t = TEMPLATE_TABLES.find((x) => x.name === table);
  return TEMPLATE_FORMATS[t?.columns.find((c) => c.header === header)?.format ?? 'text'];
}

/** The example rows the Instructions show for the tables a new user is least likely to know. */
export const EXAMPLE_ROWS: Record<string, RawRow> = {
  Forecasts: { Pool: 'BCF', Line: 'Care homes', Period: '2025-07', Forecast: 1_250_000 },
  Options: { Option: 'Fixed 60/40', Pool: 'BCF', Method: 'fixed', Partner: 'CC', Percent: 60 },
  Scenarios: { Scenario: 'Winter pressures', Pool: 'BCF', Line: 'Care homes', Forecast: 1_400_000 },
};

/** An example row as one Instructions line: `Header = value` pairs in the table's column order. */
function exampleLine(table: string): string {
  const t = TEMPLATE_TABLES.find((x) => x.name === table)!;
  const row = EXAMPLE_ROWS[table];
  const cells = t.columns.filter((c) => row[c.header] !== undefined).map((c) => `${c.header} ${row[c.header]}`);
  return `  e.g. ${cells.join(', ')}`;
}

const names = (required: boolean) => TEMPLATE_TABLES.filter((t) => t.required === required).map((t) => t.name);
const list = (xs: string[]) => `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** The Instructions sheet, line by line (each line one cell of column A). */
export function instructions(): string[] {
  const settings = TEMPLATE_SETTINGS.map((s) => `  ${s.setting}: ${s.help}`);
  return [
    'Poolshare input workbook',
    '',
    'Fill in one Excel table per sheet; what each table and column means, and the rules applied, are in docs/rules.md.',
    `${list(names(true))} are required; ${list(names(false))} are optional.`,
    'Type under a table and Excel grows it. Columns may be in any order; extra columns are ignored;',
    '  blank rows are skipped.',
    'Partners: one row per partner, a short code (Partner) and a Name; this order is the partner order everywhere.',
    'Pools: Kind pooled (a Host holds the fund) or aligned; Method proportional, fixed, lead or banded;',
    '  Reserve amount; Underspend share, return or reserve; Basis net or gross; Name, the pool\'s full name.',
    'Lines: each pool line with its Lead partner and its Forecast net outturn.',
    'Contributions: Gross, Income and Grant per pool, line and partner; Net if you want it checked;',
    '  Spend for aligned pools.',
    'RiskShare: Percent for fixed shares, Cap on a partner\'s overspend share, From/To and Band method for bands.',
    'Savings: Planned and Delivered savings; Agreed yes or no. Payments: what non-host partners have paid the host.',
    'Forecasts (in-year monitoring): each line\'s forecast outturn for the year as at a month (Period, YYYY-MM);',
    exampleLine('Forecasts'),
    'Options: other ways of sharing risk to compare; an option\'s Method, Basis, Reserve, Underspend replace the',
    '  pool\'s, and its Partner/Percent/Cap/From/To/Band method rows replace the pool\'s RiskShare;',
    exampleLine('Options'),
    'Scenarios: other outturns to compare; each line a scenario names takes its Forecast;',
    exampleLine('Scenarios'),
    'Settings (all optional; type any of these in the Setting column):',
    ...settings,
    'Amounts may be typed as 1,234.50, £1,234 or (1,234) for a negative. A blank optional amount is 0.',
    'Committee-report blocks (pool, then partner columns; lines; Gross ...; deductions; Net ...) on other sheets are',
    '  found and checked too; with no Contributions table they supply its rows.',
    'Run: poolshare run THIS.xlsx --out results.xlsx (monitoring: poolshare monitor THIS.xlsx --out monitoring.xlsx)',
  ];
}
