/**
 * A1 addresses, in one place: column letters <-> 1-based column numbers, cell/range text, and the
 * positions a (sparse) sheet holds.
 */

/** 1 -> "A", 26 -> "Z", 27 -> "AA", 16384 -> "XFD". */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1) throw new RangeError(`not a column number: ${col}`);
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "A" -> 1, "aa" -> 27. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) throw new RangeError(`not column letters: ${letters}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1-based row and column -> "B21". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** "B21" (or "$B$21") -> { row: 21, col: 2 }. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(address.trim());
  if (!m) throw new RangeError(`not an A1 address: ${address}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** "A1:C10" from corners (1-based). */
export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

/** "A1:C10" -> corners (1-based); a single cell "B2" is a one-cell range. */
export function parseRange(range: string): { top: number; left: number; bottom: number; right: number } {
  const [from, to = from] = range.split(':');
  const a = parseA1(from);
  const b = parseA1(to);
  return {
    top: Math.min(a.row, b.row), left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col),
  };
}

/** A sheet name as Excel writes it in a reference: quoted when it holds anything but letters, digits, _ and . */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * The indexes of the items an array holds, ascending: a sparse sheet (a cell at row 1,048,576, or in
 * column XFD) costs what it holds, not its length. Works for dense arrays too.
 */
export function indexes(list: readonly unknown[]): number[] {
  const out: number[] = [];
  if (list.length <= 1024) {
    for (let i = 0; i < list.length; i++) if (list[i] !== undefined) out.push(i);
    return out;
  }
  // Object.keys lists only what a sparse array holds (integer keys come in ascending order).
  for (const k of Object.keys(list)) {
    const i = Number(k);
    if (Number.isInteger(i) && list[i] !== undefined) out.push(i);
  }
  return out;
}
