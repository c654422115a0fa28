/**
 * A job that computes from the read workbook and writes Poolshare's sheets: read (./read.ts),
 * compute, write (./write.ts), one Excel.run. Build schedules and Monitoring are each one call of
 * `writeJob`; a new job of the kind (a sheet from a new engine function) is a small file that says
 * what it computes and which sheets it writes.
 */
import type { Warning } from '../engine/types';
import type { OutputSheet, WorkbookInput } from '../workbook';
import type { Store } from './plan';
import { EMPTY_STORE, counter, excelRun, type JobReport, type Progress } from './host';
import { readInput, type State } from './read';
import { writeOutputs } from './write';
import { pushAll } from '../engine/arrays';

export interface WriteJob<R> {
  /** The job's name as the pane and its messages say it ("Build schedules"). */
  name: string;
  /** What the pane says while it computes. */
  computing: string;
  /** The computation: its result, warnings and the sheets to write (none: nothing is written). */
  compute(input: WorkbookInput): { result: R; warnings: Warning[]; sheets: OutputSheet[]; notes?: string[] };
  /** Poolshare's sheets this run no longer writes are cleared to a note (Build schedules only). */
  retire?: boolean;
  /** The output sheet (by its name in `sheets`) shown at the end, unless hidden. */
  activate?: string;
  /** Notes once written, from the result. */
  after?(result: R): string[];
}

/** Runs a job: reads, computes, writes the sheets, and reports. */
export function writeJob<R>(job: WriteJob<R>, store: Store = EMPTY_STORE, progress: Progress = () => undefined):
  Promise<JobReport<R>> {
  return excelRun(async (context) => {
    const c = counter(context);
    const { state, input } = await readInput(context, store, c.sync, progress);
    const read = c.count;
    progress(job.computing);
    const { result, warnings, sheets, notes: said = [] } = job.compute(input);
    const notes = [...state.notes, ...said];
    let written: string[] = [];
    if (sheets.length) {
      progress(`Writing ${sheets.length === 1 ? 'the sheet' : `${sheets.length} sheets`}…`);
      written = await writeOutputs(context, c.sync, sheets, state, {
        retire: !!job.retire, highlights: carried(state), job: job.name, notes, activate: job.activate,
      });
      pushAll(notes, job.after?.(result) ?? []);
    }
    progress('Done.');
    return { result, warnings, written, notes, syncs: { read, write: c.count - read } };
  });
}

/** Last run's highlights, kept listed on the warnings sheet so the next Validate still clears them. */
export function carried(state: State) {
  return state.highlights.map((h) => ({ sheet: h.sheet, cell: h.cell, original: h.original }));
}
