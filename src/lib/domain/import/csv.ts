import Papa from 'papaparse';

/** UTF-8 byte order mark: without it Excel on Windows reads a CSV's Chinese as GBK (issue 5 §6). */
export const BOM = '\uFEFF';

/** Parse CSV text (RFC 4180 quoting; comma, semicolon or tab, whichever the header uses). */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [',', '\t', ';'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best
  );
  const { data } = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  return (
    data
      // Our own export's defused cells ('=1+2) come back as they were typed.
      .map((row) => row.map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)))
      .filter((row) => row.some((cell) => cell.trim() !== ''))
  );
}

/**
 * CSV text with a BOM and CRLF line ends, as Excel expects. Cells a spreadsheet would run as a
 * formula (`=1+2`, `+SUM(1,1)`, `-2+3`, `@cmd`, `=HYPERLINK(…)`, or one behind a tab or CR) are
 * defused as OWASP "CSV Injection" says: a leading apostrophe, quoted; Excel and WPS show text.
 */
export function toCsv(rows: string[][]): string {
  return BOM + Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true }) + '\r\n';
}
