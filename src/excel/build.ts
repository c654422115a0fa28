/**
 * Build schedules: every output sheet (pools, one per partner with its chart, Settlement,
 * Poolshare warnings), each rewritten in place when it is Poolshare's, new when not; Poolshare's
 * sheets no longer in the results are cleared to a note.
 */
import type { RunResult } from '../engine/types';
import { run } from '../engine/run';
import { buildOutputSheets } from '../workbook';
import type { Store } from './plan';
import type { JobReport, Progress } from './host';
import { writeJob } from './job';

export function buildSchedules(store?: Store, progress?: Progress): Promise<JobReport<RunResult>> {
  return writeJob<RunResult>({
    name: 'Build schedules',
    computing: 'Checking the tables and running the rules…',
    compute: (input) => {
      const result = run(input);
      return { result, warnings: result.warnings, sheets: buildOutputSheets(result) };
    },
    retire: true,
    activate: 'Settlement',
  }, store, progress);
}
