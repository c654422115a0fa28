/**
 * Validate workbook: reads every spec table and the report blocks on every sheet but Poolshare's,
 * runs the engine, writes the `Poolshare warnings` sheet, then (best effort) clears last run's
 * highlights and highlights the cells the warnings point at. The warnings always come back: a
 * write Excel refuses becomes a note. Round trips: the reads of ./read.ts; 1 more read when a
 * warning points at a cell or last run highlighted any (the fills now); the writes of ./write.ts;
 * 1 more, best effort, for the highlights.
 */
import type { RunResult } from '../engine/types';
import { run } from '../engine/run';
import { warningsSheet } from '../workbook';
import { HIGHLIGHT, MAX_HIGHLIGHTS, parseBox, protectedNotes, warningCells, type Highlight, type Store } from './plan';
import { EMPTY_STORE, counter, excelRun, said, type JobReport, type Progress, type Sync } from './host';
import { readInput, type State } from './read';
import { writeOutputs } from './write';
import { pushAll } from '../engine/arrays';

/**
 * Paints the highlights, best effort, in their own round trip: last run's are restored (a cell the
 * user has re-coloured since is theirs), the new ones painted. A protected sheet is skipped with a
 * note; a refusal from Excel becomes a note, never a failed job.
 */
async function paintHighlights(
  context: Excel.RequestContext, sync: Sync, state: State, previous: Array<Highlight & { now: string | null }>,
  next: Highlight[], notes: string[],
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const locked = new Set(state.sheets.filter((s) => s.protected).map((s) => s.name));
  for (const h of previous) {
    if (locked.has(h.sheet) || (h.now ?? '').toUpperCase() !== HIGHLIGHT) continue;
    const fill = sheets.getItem(h.sheet).getRange(h.cell).format.fill;
    if (h.original && h.original.toUpperCase() !== '#FFFFFF') fill.color = h.original;
    else fill.clear();
  }
  for (const x of next) sheets.getItem(x.sheet).getRange(x.cell).format.fill.color = HIGHLIGHT;
  if (!next.length && !previous.length) return;
  try {
    await sync();
  } catch (e) {
    notes.push(`The cells could not be highlighted (Excel said: ${said(e)}). `
      + 'Every warning is listed here and on the Poolshare warnings sheet.');
  }
}

export async function validateWorkbook(
  store: Store = EMPTY_STORE,
  progress: Progress = () => undefined,
  options: { showWarningsSheet?: boolean } = {},
): Promise<JobReport<RunResult>> {
  return excelRun(async (context) => {
    const c = counter(context);
    const { state, input } = await readInput(context, store, c.sync, progress);
    progress('Checking the tables and running the rules…');
    const result = run(input);
    const notes = [...state.notes];
    const names = new Set(state.sheets.map((s) => s.name));
    const locked = new Set(state.sheets.filter((s) => s.protected).map((s) => s.name));
    const all = warningCells(result.warnings).filter((x) => names.has(x.sheet) && parseBox(x.cell));
    pushAll(notes, protectedNotes(all.filter((x) => locked.has(x.sheet))));
    const open = all.filter((x) => !locked.has(x.sheet));
    if (open.length > MAX_HIGHLIGHTS) {
      notes.push(`Only the first ${MAX_HIGHLIGHTS} of ${open.length} cells were highlighted.`);
    }
    // The fills now: of the cells to highlight, and of last run's (to restore those still highlighted).
    const fillOf = (x: { sheet: string; cell: string }) => {
      const fill = context.workbook.worksheets.getItem(x.sheet).getRange(x.cell).format.fill;
      fill.load('color');
      return fill;
    };
    const targets = open.slice(0, MAX_HIGHLIGHTS).map((x) => ({ ...x, fill: fillOf(x) }));
    const earlier = state.highlights.filter((h) => !locked.has(h.sheet)).map((h) => ({ ...h, fill: fillOf(h) }));
    if (targets.length || earlier.length) await c.sync();
    const read = c.count;
    const previous = earlier.map(({ fill, ...h }) => ({ ...h, now: fill.color ?? null }));
    const before = new Map(previous.map((h) => [`${h.sheet}!${h.cell}`.toLowerCase(), h]));
    const next: Highlight[] = targets.map((x) => {
      const prior = before.get(`${x.sheet}!${x.cell}`.toLowerCase());
      const now = x.fill.color ?? null;
      const original = prior && (now ?? '').toUpperCase() === HIGHLIGHT ? prior.original : now;
      return { sheet: x.sheet, cell: x.cell, original };
    });
    progress('Writing the warnings…');
    let written: string[] = [];
    try {
      written = await writeOutputs(context, c.sync, [warningsSheet(result)], state, {
        retire: false, highlights: next, job: 'Validate', notes,
        activate: options.showWarningsSheet ? 'Warnings' : undefined,
      });
    } catch (e) {
      notes.push(said(e));
    }
    await paintHighlights(context, c.sync, state, previous, next, notes);
    progress('Done.');
    return { result, warnings: result.warnings, written, notes, syncs: { read, write: c.count - read } };
  });
}
