/** One CSV cell before quoting; undefined becomes an empty cell. */
export type CsvCell = string | number | undefined;

// Spreadsheets evaluate a cell that starts with one of these as a formula.
// Entity titles and versions come from catalog YAML and CI, so an exported
// cell like `=HYPERLINK(...)` must reach the reader as text (OWASP's advice:
// prefix a single quote).
const FORMULA_START = /^[=+\-@\t\r]/;

function formatCell(cell: CsvCell): string {
  if (cell === undefined) {
    return '';
  }
  let text = String(cell);
  if (typeof cell === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  // RFC 4180: quote a field holding a separator, quote or line break, and
  // double the quotes inside it.
  if (/[",\r\n]/.test(text) || text !== text.trim()) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/**
 * Rows as RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted where
 * needed, formula-like text neutralised for spreadsheets.
 */
export function formatCsv(rows: CsvCell[][]): string {
  return rows.map(row => `${row.map(formatCell).join(',')}\r\n`).join('');
}
