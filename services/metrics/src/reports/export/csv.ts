import { Cell, ReportTable } from './report-table';

const BOM = '\uFEFF';

/** What a spreadsheet reads as the start of a formula (OWASP CSV injection): = + - @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number such as -12 or +0.5 is a value, not a formula, whichever sign it starts with. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Text a spreadsheet would run as a formula gets a leading `'` (shown as text, never evaluated), as OWASP advises;
 * numbers, and text that is a plain number, are left as they are.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled), or had to be neutralised. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so Excel reads Vietnamese), CRLF line ends, one header row. */
export function toCsv(table: ReportTable): Buffer {
  const lines = [table.columns.map((c) => csvField(c.header)), ...table.rows.map((row) => row.map(csvField))];
  return Buffer.from(BOM + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n', 'utf8');
}
