/** A report flattened to one header row and data rows, the shape both file exports write. */
export type CellKind = 'text' | 'integer' | 'rate' | 'decimal' | 'datetime';

export interface TableColumn {
  header: string;
  kind: CellKind;
}

export type Cell = string | number | null;

export interface ReportTable {
  /** Sheet and file name (ASCII). */
  name: string;
  /** Sheet name shown in the spreadsheet (Vietnamese, ≤ 31 characters). */
  sheetTitle: string;
  columns: TableColumn[];
  rows: Cell[][];
  /** Label/value pairs describing the report (period, scope, as-of, formula version). */
  about: [string, string][];
}
