/**
 * Monitoring (monitoring.md, "What the user sees"): projects every period up to the one reported
 * on (`options.period`, else the Settings `Period`, else the latest in Forecasts), and writes the
 * `Monitoring` sheet the command line writes (`monitor --out`) with a chart of each pool's variance
 * by period, and the `Poolshare warnings` sheet. A workbook without Forecasts rows has nothing to
 * monitor: a note says so and nothing is written.
 */
import { isMonitorPool, monitor, type MonitorResult } from '../engine/monitor';
import { MONITORING_SHEET, monitoringSheet, warningsSheet } from '../workbook';
import { MAX_SERIES, type Store } from './plan';
import type { JobReport, Progress } from './host';
import { writeJob } from './job';

export function monitorWorkbook(store?: Store, progress?: Progress, options: { period?: string } = {}):
  Promise<JobReport<MonitorResult>> {
  return writeJob<MonitorResult>({
    name: 'Monitoring',
    computing: 'Projecting each period…',
    compute: (input) => {
      const result = monitor(input, { period: options.period });
      if (!(input.tables.Forecasts ?? []).length) {
        return {
          result, warnings: result.warnings, sheets: [],
          notes: ['There is nothing to monitor: the workbook has no Forecasts rows (Pool, Line, Period, Forecast). '
            + 'Add each line\'s forecast for the period, then run Monitoring again. Nothing was written.'],
        };
      }
      return { result, warnings: result.warnings, sheets: [monitoringSheet(result), warningsSheet(result)] };
    },
    activate: MONITORING_SHEET,
    after: (result) => {
      const notes: string[] = [];
      const ran = result.periods.length ? result.pools.filter(isMonitorPool).length : 0;
      if (ran < result.pools.length) {
        notes.push(`${result.pools.length - ran} of ${result.pools.length} pools have no line in the variance chart: `
          + 'they could not be projected (see the warnings).');
      }
      if (ran > MAX_SERIES) {
        notes.push(`The variance chart draws the first ${MAX_SERIES} of ${ran} pools (Excel's limit).`);
      }
      return notes;
    },
  }, store, progress);
}
