/**
 * Appends `items` to `into` one by one: `into.push(...items)` passes every item as an argument and
 * throws a RangeError past ~100,000 of them (a very large workbook's warnings, say).
 */
export function pushAll<T>(into: T[], items: Iterable<T>): void {
  for (const x of items) into.push(x);
}
