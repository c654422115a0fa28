/**
 * Options (options.md, "What the user sees"): every risk-share option by every scenario, as at the
 * period reported on (the Settings `Period`, as the command line without `--period`), and writes
 * the Options sheet the command line writes (`options --out`: one row per pool, option, scenario
 * and partner) and the `Poolshare warnings` sheet. In the user's workbook the sheet is named
 * `Options results`: `Options` is where the user types the options themselves (the template's
 * sheet), and a sheet called "Options (2)" beside it would read as a copy of the input.
 * A workbook with no Options or Scenarios rows has nothing to compare: a note says so and
 * nothing is written.
 */
import { options, type OptionsResult } from '../engine/options';
import { poolsNamed } from '../engine/options-grid';
import { pushAll } from '../engine/arrays';
import type { Warning } from '../engine/types';
import { optionsSheet, warningsSheet } from '../workbook';
import type { Store } from './plan';
import type { JobReport, Progress } from './host';
import { writeJob } from './job';

/** The Options sheet's name in the user's workbook (beside the user's own `Options` sheet). */
export const OPTIONS_RESULTS_SHEET = 'Options results';

/** The options result and the pools an Options or Scenarios row names (the ones the pane shows). */
export type OptionsReport = OptionsResult & { named: string[] };

export function optionsWorkbook(store?: Store, progress?: Progress, opts: { period?: string } = {}):
  Promise<JobReport<OptionsReport>> {
  return writeJob<OptionsReport>({
    name: 'Options',
    computing: 'Running each option and scenario…',
    compute: (input) => {
      const result: OptionsReport = {
        ...options(input, { period: opts.period }), named: [...poolsNamed(input.tables)],
      };
      const tables = input.tables as Record<string, unknown[] | undefined>;
      if (!tables.Options?.length && !tables.Scenarios?.length) {
        return {
          result, warnings: result.warnings, sheets: [],
          notes: ['There are no options to compare: the workbook has no Options or Scenarios rows. Add an '
            + 'Options row (Option, Pool, and the Method, Basis, Reserve, Underspend or RiskShare columns it '
            + 'changes) or a Scenarios row (Scenario, Pool, Line, Forecast), then run Options again. Nothing was '
            + 'written.'],
        };
      }
      const cut: Warning[] = [];
      const sheet = { ...optionsSheet(result, cut), name: OPTIONS_RESULTS_SHEET };
      pushAll(result.warnings, cut);
      return { result, warnings: result.warnings, sheets: [sheet, warningsSheet(result)] };
    },
    activate: OPTIONS_RESULTS_SHEET,
  }, store, progress);
}
