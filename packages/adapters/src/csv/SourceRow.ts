/** One row of a CSV or JSON source: values by column name, and where the row is. */
export interface SourceRow {
  readonly values: ReadonlyMap<string, string>;
  /** 1-based line in the file (CSV), or null (JSON). */
  readonly line: number | null;
  /** How messages name the row: `line 12` or `row [3]`. */
  readonly label: string;
}
