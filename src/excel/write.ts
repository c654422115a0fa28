/**
 * Writing Poolshare's sheets and their marks. Round trips, with W = WRITE_CELLS and WRITE_BYTES
 * (./plan.ts): W cells (value and number format) a round trip and never more than WRITE_BYTES, so
 * max(1, ceil(cells / W)) for sheets of short cells; the first also marks and clears Poolshare's
 * sheets, the last adds tables, charts, frozen rows.
 * Before anything is queued the whole write is checked against what Excel would refuse part way:
 * a sheet past Excel's grid, a new sheet in a workbook whose structure is protected. Hidden output
 * sheets are written but never activated. Sheets are rewritten in place, never deleted or renamed
 * (both clear Excel's undo history). A user's sheet is never written.
 */
import type { OutputSheet } from '../workbook';
import {
  CHART_PREFIX, MARK_KEY, MAX_COLS, MAX_MARK, MAX_ROWS, WRITE_BYTES, WRITE_CELLS, boxAddress, cellsToWrite, chartName,
  chartSource, chunkWrites, planWrite, valuesSum, varianceChart, withHighlightRows,
  type Highlight, type Mark, type SheetPlan,
} from './plan';
import { PartialWriteError, fmt, list, said, type Sync } from './host';
import type { State } from './read';

/** The mark as stored: its JSON, checked to stay well under Excel's 255 characters. */
function markText(mark: Mark): string {
  const text = JSON.stringify(mark);
  if (text.length > MAX_MARK) throw new Error(`Poolshare's mark for ${mark.name} is ${text.length} characters.`);
  return text;
}

/** Queues what makes a sheet Poolshare's and empties it: a new sheet, or its old area cleared. */
function queuePrepare(context: Excel.RequestContext, plan: SheetPlan, mark: Mark): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const ws = plan.reuse ? sheets.getItem(plan.reuse.id) : sheets.add(plan.name);
  if (plan.reuse) {
    for (const t of plan.reuse.tables) ws.tables.getItem(t).delete();
    // The Monitoring chart is refreshed, not deleted (it keeps where and how big the user made it).
    const keep = varianceChart(plan) ? chartName(plan) : null;
    for (const c of plan.reuse.charts.filter((n) => n.startsWith(CHART_PREFIX) && n !== keep)) {
      ws.charts.getItem(c).delete();
    }
    if (plan.reuse.mark) ws.getRange(plan.reuse.mark.area).clear('All');
    else if (plan.reuse.used) ws.getRange(boxAddress(plan.reuse.used)).clear('All');
    ws.freezePanes.unfreeze();
  }
  // Marked before it is filled: should a later round trip fail, the next run rewrites it.
  ws.customProperties.add(MARK_KEY, markText(mark));
  return ws;
}

/** Queues a sheet's tables, frozen rows, column widths and chart (after its values). */
function queueFinish(ws: Excel.Worksheet, plan: SheetPlan, rows: number, cols: number): void {
  for (const t of plan.tables) {
    // A Range, not an address: an address without a sheet name means the active sheet.
    const table = ws.tables.add(ws.getRange(t.range), true);
    table.name = t.name;
  }
  if (plan.out.freezeRows) ws.freezePanes.freezeRows(plan.out.freezeRows);
  ws.getRangeByIndexes(0, 0, rows, cols).format.autofitColumns();
  queueVarianceChart(ws, plan);
  const chart = chartSource(plan);
  if (!chart) return;
  const source = ws.getRange(chart.series[0].range);
  const c = ws.charts.add(Excel.ChartType.columnClustered, source, Excel.ChartSeriesBy.columns);
  c.name = chartName(plan);
  c.title.text = `${plan.out.values[0]?.[1] ?? plan.name}: net contribution and final cost by pool`;
  const first = c.series.getItemAt(0);
  first.name = chart.series[0].name;
  first.setXAxisValues(ws.getRange(chart.categories));
  const second = c.series.add(chart.series[1].name);
  second.setValues(ws.getRange(chart.series[1].range));
  second.setXAxisValues(ws.getRange(chart.categories));
  c.setPosition(ws.getCell(0, chart.right + 1));
}

/**
 * The Monitoring sheet's chart, a line per pool of its variance by period: added once (beside the
 * tables), then refreshed in place on every run (setData, then the series), so a chart the user
 * moved, resized or retitled stays where it is. Charts of other names are the user's: untouched.
 */
function queueVarianceChart(ws: Excel.Worksheet, plan: SheetPlan): void {
  const lines = varianceChart(plan);
  if (!lines) return;
  const name = chartName(plan);
  const first = ws.getRange(lines.series[0].values);
  let c: Excel.Chart;
  if (plan.reuse?.charts.includes(name)) {
    c = ws.charts.getItem(name);
    c.setData(first, Excel.ChartSeriesBy.columns);
  } else {
    c = ws.charts.add(Excel.ChartType.line, first, Excel.ChartSeriesBy.columns);
    c.name = name;
    c.title.text = 'Variance by period (outturn less budget: above 0 is an overspend)';
    c.setPosition(ws.getCell(0, lines.right + 1));
  }
  lines.series.forEach((s, i) => {
    const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(ws.getRange(s.values));
    series.setXAxisValues(ws.getRange(s.x));
  });
}

/**
 * What Excel would refuse part way, found before anything is written: one plain message (nothing
 * was written), or null.
 */
export function refusal(job: string, plans: SheetPlan[], sizes: Array<{ rows: number; cols: number }>, state: State):
  string | null {
  const big = plans.map((p, i) => ({ name: p.name, ...sizes[i] }))
    .filter((s) => s.rows > MAX_ROWS || s.cols > MAX_COLS);
  if (big.length) {
    const what = big.map((s) => `${s.name} would need ${fmt(s.rows)} rows and ${fmt(s.cols)} columns`).join('; ');
    return `${job} wrote nothing: ${what}, more than an Excel sheet holds (${fmt(MAX_ROWS)} rows, ${fmt(MAX_COLS)} `
      + 'columns). Run it with the command line instead (poolshare), which writes these sheets as a CSV folder.';
  }
  const added = plans.filter((p) => !p.reuse).map((p) => p.name);
  if (state.structureProtected && added.length) {
    return `${job} wrote nothing: the workbook's structure is protected, so Excel does not let Poolshare add the `
      + `sheet${added.length > 1 ? 's' : ''} ${list(added)}. Unprotect it (Review > Protect Workbook, which asks `
      + `for the password if one was set), run ${job} again, then protect it again.`;
  }
  return null;
}

/**
 * Writes output sheets in round trips of at most WRITE_CELLS cells and WRITE_BYTES bytes. What Excel
 * would refuse part way is checked first (an Error, nothing written). Should Excel refuse a round
 * trip all the same, throws a PartialWriteError saying which sheets were written in full and which
 * only in part. The warnings sheet lists `highlights` below its table.
 */
export async function writeOutputs(
  context: Excel.RequestContext, sync: Sync, outputs: OutputSheet[], state: State,
  opts: { retire: boolean; highlights: Highlight[]; job: string; notes: string[]; activate?: string },
): Promise<string[]> {
  const hls = new Map<OutputSheet, string | undefined>();
  const outs = outputs.map((out) => {
    if (out.name !== 'Warnings') return out;
    const w = withHighlightRows(out, opts.highlights);
    hls.set(w.out, w.hl);
    return w.out;
  });
  const plans = planWrite(outs, state.sheets, state.ours, opts.retire, state.definedNames);
  const blocks = plans.map((p) => cellsToWrite(p.out));
  const sizes = blocks.map((b) => ({ rows: b.values.length, cols: b.values[0]?.length ?? 0 }));
  const refused = refusal(opts.job, plans, sizes, state);
  if (refused) throw new Error(refused);
  const trips = chunkWrites(blocks, WRITE_CELLS, WRITE_BYTES);
  if (!trips.length) trips.push([]);
  const last = plans.map((_, i) => trips.reduce((at, trip, t) => (trip.some((p) => p.index === i) ? t : at), 0));
  const hidden = new Set(state.sheets.filter((s) => s.visibility && s.visibility !== 'Visible').map((s) => s.id));
  let sheets: Excel.Worksheet[] = [];
  const marks: Mark[] = [];
  for (let t = 0; t < trips.length; t++) {
    context.application.suspendApiCalculationUntilNextSync();
    if (t === 0) {
      sheets = plans.map((p, i) => {
        const { rows, cols } = sizes[i];
        const area = boxAddress({ top: 0, left: 0, rows: Math.max(1, rows), cols: Math.max(1, cols) });
        const hl = hls.get(p.out);
        // A sheet of a job that is not Build schedules (Monitoring, Options) is marked as that job's,
        // so Build never retires it; the warnings sheet is every job's.
        const job = !opts.retire && p.out.name !== 'Warnings' ? { job: opts.job } : {};
        marks[i] = { name: p.name, area, ...(hl ? { hl } : {}), ...job };
        return queuePrepare(context, p, marks[i]);
      });
    }
    for (const p of trips[t]) {
      const range = sheets[p.index].getRangeByIndexes(p.row, p.col, p.rows, p.cols);
      const cut = <T>(grid: T[][]) => grid.slice(p.row, p.row + p.rows).map((row) => row.slice(p.col, p.col + p.cols));
      // Formats first: text cells carry "@", so what is written to them stays text.
      range.numberFormat = cut(blocks[p.index].formats);
      range.values = cut(blocks[p.index].send);
    }
    plans.forEach((p, i) => last[i] === t && sizes[i].rows && queueFinish(sheets[i], p, sizes[i].rows, sizes[i].cols));
    // Written in full: the mark gains the checksum of what is now in its area.
    plans.forEach((_, i) => {
      if (last[i] !== t) return;
      sheets[i].customProperties.add(MARK_KEY, markText({ ...marks[i], sum: valuesSum(blocks[i].values) }));
    });
    if (t === trips.length - 1 && opts.activate) {
      // A hidden sheet is written but not shown: Excel refuses to activate it.
      const i = plans.findIndex((p) => p.out.name === opts.activate);
      if (i >= 0 && !hidden.has(plans[i].reuse?.id ?? '')) sheets[i].activate();
      else if (i >= 0) {
        opts.notes.push(`${plans[i].name} is hidden: Poolshare wrote it without showing it (right-click any sheet tab, `
          + 'then Unhide, to see it).');
      }
    }
    try {
      await sync();
    } catch (e) {
      const done = plans.filter((_, i) => last[i] < t).map((p) => p.name);
      const part = plans.filter((_, i) => last[i] >= t).map((p) => p.name);
      throw new PartialWriteError(`${opts.job} stopped part way: Excel refused a write (${said(e)}). Written in full: `
        + `${list(done)}. Written in part or not at all: ${list(part)}. These sheets are marked as Poolshare's, so `
        + `the next ${opts.job} rewrites them in place (no copies). Nothing else was changed.`, done, part);
    }
  }
  for (const p of plans.filter((x) => x.retired)) {
    opts.notes.push(`${p.name} is not in the latest results: Poolshare cleared its sheet to a note (not deleted).`);
  }
  return plans.filter((p) => !p.retired).map((p) => p.name);
}
