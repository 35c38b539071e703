/**
 * The width of a table column: the longest of `values`, at least `minimum`. A loop, not
 * `Math.max(...values)`, whose argument spreading overflows the stack for a run of many invoices.
 */
export function columnWidth(minimum: number, values: Iterable<string>): number {
  let width = minimum;
  for (const value of values) if (value.length > width) width = value.length;
  return width;
}
