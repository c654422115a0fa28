/**
 * Numbers as a cell holds them (spec, "Numbers may arrive as numbers or as text"): a number, or
 * text such as `1,234.50`, `£1,234`, `(1,234)` (negative), `-1,234`, `45%`. Floats from Excel are
 * converted once, here, to the 15 significant digits Excel itself keeps. Text is read exactly, at
 * any number of decimals (`100.004999999999` stays that, so it nets 100.00), up to
 * MAX_SIGNIFICANT digits; more is refused, as is a bracketed amount with a minus sign too (`(-5)`:
 * which sign was meant?). A dash typed alone is 0 (docs/rules.md, "Readings decided" 13).
 */
import type { CellValue } from './types';
import { Decimal, fromPennies, MAX_PENNIES, ZERO } from './money';

export type ParsedNumber =
  | { kind: 'blank' }
  | { kind: 'number'; value: Decimal; percent?: boolean }
  | { kind: 'invalid'; text: string; why?: string };

/** The most significant digits a typed amount may have (money needs 15; beyond 40 it is not a figure anyone meant). */
export const MAX_SIGNIFICANT = 40;

const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/** True when a number's shortest form has no exponent, at most 15 significant digits and 9 decimals. */
function plainShort(s: string): boolean {
  if (s.length > 17) return false;
  let digits = 0;
  let decimals = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 46) decimals = 0; // '.'
    else if (ch >= 48 && ch <= 57) {
      if (digits > 0 || ch !== 48) digits++;
      if (decimals >= 0) decimals++;
    } else if (ch !== 45) return false; // anything but '-' (an exponent 'e', say)
  }
  return digits <= 15 && decimals <= 9;
}

/** `-` typed alone (or an en or em dash, spaces around allowed): the accountant's zero. */
export const DASH = /^\s*[-\u2013\u2014]+\s*$/;

export function isDash(v: CellValue): boolean {
  if (typeof v !== 'string') return false;
  // A name or a figure (the common case) starts with a letter or digit, which no dash cell does.
  const c = v.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return false;
  return DASH.test(v);
}

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A finite number from a cell as the Decimal it means: its shortest text when that is plain (at most
 * 15 significant digits and 9 decimals), else Excel's 15 digits to 9 decimals.
 */
function numberValue(v: number): Decimal {
  // Whole pennies, the common case: c/100 is v's shortest text exactly when c / 100 === v, since the
  // division rounds to the nearest double and no two decimals of at most 15 digits share one.
  const c = Math.round(v * 100);
  if (c / 100 === v && c <= MAX_PENNIES && c >= -MAX_PENNIES) return fromPennies(c);
  // Else: the shortest form already has at most 15 significant digits and 9 decimals.
  const short = String(v);
  // From the text, not the number: handing decimal.js the number was measured slower, and 40 MB
  // more at 100k rows of .xlsx (it makes the text again itself).
  if (plainShort(short)) return new Decimal(short);
  // Excel keeps 15 significant digits: 0.1 + 0.2 arrives as 0.30000000000000004 and means 0.3.
  // Binary noise below the 9th decimal is dropped too (97147.87000000005 means 97147.87).
  return new Decimal(v.toPrecision(15)).toDecimalPlaces(9);
}

export function parseNumber(v: CellValue): ParsedNumber {
  if (isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'number') {
    return Number.isFinite(v) ? { kind: 'number', value: numberValue(v) } : { kind: 'invalid', text: String(v) };
  }
  if (typeof v === 'boolean') return { kind: 'invalid', text: v ? 'TRUE' : 'FALSE' };
  if (isDash(v)) return { kind: 'number', value: ZERO };
  const text = String(v);
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  let negative = false;
  let bracketed = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    bracketed = true;
    s = s.slice(1, -1);
  }
  if (bracketed && /^£?[-\u2212]/.test(s)) {
    return { kind: 'invalid', text, why: 'has both brackets and a minus sign, so its sign is unclear; type -5 or (5) '
      + 'for a negative amount' };
  }
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  s = s.replace(/^£/, '');
  if (!negative && (s.startsWith('-') || s.startsWith('\u2212'))) {
    negative = true;
    s = s.slice(1);
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (s === '' || s === '.' || !NUMBER.test(s)) {
    const sci = /^\d+(?:\.\d+)?e[+-]?\d+$/i.test(s);
    if (!sci) return { kind: 'invalid', text };
  }
  // Typed text is read exactly: no rounding, so no figure changes without a word.
  const value = new Decimal(s.replace(/,/g, ''));
  if (value.sd() > MAX_SIGNIFICANT) {
    return { kind: 'invalid', text, why: `has more than ${MAX_SIGNIFICANT} significant digits; type the amount to the `
      + 'penny' };
  }
  return { kind: 'number', value: negative ? value.negated() : value, percent };
}

/** Text longer than this is cut in messages (a 32,767-character cell would make every message that long). */
export const SHOWN_LENGTH = 100;

/** A name for a message: as typed, or its first 80 characters and its length when longer than 100. */
export function clip(s: string): string {
  return s.length <= SHOWN_LENGTH ? s : `${s.slice(0, 80)}… (${s.length.toLocaleString('en-GB')} characters)`;
}

/** Text for messages: the value as the user typed it (cut when very long). */
export function show(v: CellValue): string {
  if (v === null || v === undefined) return '(blank)';
  if (typeof v === 'string') return v.trim() === '' ? '(blank)' : `"${clip(v)}"`;
  return String(v);
}
