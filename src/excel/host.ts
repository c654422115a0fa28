/**
 * Talking to Excel: one Excel.run per job (one undo step where the host can), counted round trips,
 * which API sets the host has, what a job tells the pane, and the two small calls the pane makes
 * (select a warning's cell, read the document's settings).
 *
 * The manifest asks for ExcelApi 1.12 (worksheet custom properties): Excel without it does not load
 * the add-in. Anything newer is used only where `apiSupported` says the host has it
 * (tests/addin/api-sets.test.ts checks every Office.js member the sources use).
 */
import type { RunResult, Warning } from '../engine/types';
import type { Store } from './plan';

export type Progress = (message: string) => void;
export type Sync = () => Promise<void>;

/** What a job tells the pane (`result`: the year end, or Monitoring's projection). */
export interface JobReport<R = RunResult> {
  result: R;
  warnings: Warning[];
  /** Sheets written, in order. */
  written: string[];
  /** Plain sentences for the pane: sheets left alone, cells not highlighted, sheets not searched. */
  notes: string[];
  /** Round trips: reading and writing. */
  syncs: { read: number; write: number };
}

/**
 * A write Excel refused part way. The message says it all; `written` and `partial` list the sheets
 * (so the pane does not add "Nothing was written").
 */
export class PartialWriteError extends Error {
  constructor(message: string, readonly written: string[], readonly partial: string[]) {
    super(message);
    this.name = 'PartialWriteError';
  }
}

export const EMPTY_STORE: Store = { get: () => undefined };

/** The ExcelApi version the manifest requires: every host that loads the add-in has it. */
export const MANIFEST_API = '1.12';

/** Whether the host has ExcelApi `version` (false outside Office). */
export function apiSupported(version: string): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
}

/** One undo step for the whole job where the host can (ExcelApi 1.20), else Excel.run as ever. */
export function excelRun<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return apiSupported('1.20') ? Excel.run({ mergeUndoGroup: true }, batch) : Excel.run(batch);
}

/** Counts the round trips of one Excel.run. */
export function counter(context: Excel.RequestContext) {
  let n = 0;
  return {
    sync: async () => {
      n++;
      await context.sync();
    },
    get count() {
      return n;
    },
  };
}

export const fmt = (n: number) => n.toLocaleString('en-GB');
export const list = (names: string[]) => (names.length ? names.join(', ') : 'none');

/** Excel's own words for a refusal (an Error's message, else the text of whatever was thrown). */
export function said(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Selects a warning's cell (activating its sheet), in one round trip. Excel refuses to activate a
 * hidden sheet: should it refuse, a second look says so in words.
 */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  } catch (e) {
    const hidden = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      ws.load('visibility');
      await context.sync();
      return !ws.isNullObject && ws.visibility !== 'Visible';
    }).catch(() => false);
    if (!hidden) throw e;
    throw new Error(`${sheet} is hidden, so Excel cannot show ${cell}: right-click any sheet tab, choose Unhide and `
      + `pick ${sheet}, then click the warning again.`);
  }
}

/**
 * The document's settings, read only: earlier versions kept the ids of the sheets they made there,
 * so those sheets are still known as Poolshare's. Nothing is ever saved to them.
 */
export function officeStore(): Store {
  return { get: (key) => Office.context.document.settings.get(key) };
}
