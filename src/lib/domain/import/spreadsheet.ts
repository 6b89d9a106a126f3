import { parseCsv, toCsv } from './csv';
import type { SheetRows } from './hc';

/**
 * Reading and writing the sheets of an import or export. The spreadsheet libraries
 * (read-excel-file, write-excel-file) are imported when a file is read or written, so
 * only the import and export screens ever load them.
 */
export type SheetKind = 'xlsx' | 'csv';

export function sheetKindOf(fileName: string): SheetKind | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' || ext === 'txt' ? 'csv' : undefined;
}

/** Every cell as trimmed text; dates as YYYY-MM-DD. */
export async function readSheetFile(bytes: ArrayBuffer, kind: SheetKind): Promise<string[][]> {
  if (kind === 'csv') return parseCsv(decodeText(bytes));
  const { readSheet } = await import('read-excel-file/universal');
  const data = await readSheet(bytes);
  return data.map((row) => row.map(cellText)).filter((row) => row.some((c) => c !== ''));
}

/**
 * Every sheet of a workbook (a CSV is one sheet), cells as trimmed text, blank lines left
 * out but each row's line number kept, so a report names the line Excel shows.
 */
export async function readWorkbook(bytes: ArrayBuffer, kind: SheetKind): Promise<SheetRows[]> {
  if (kind === 'csv') {
    const rows = parseCsv(decodeText(bytes));
    return [{ name: '', rows, lines: rows.map((_, i) => i + 1) }];
  }
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  const sheets = await readXlsxFile(bytes);
  return sheets.map(({ sheet, data }) => {
    const rows: string[][] = [];
    const lines: number[] = [];
    data.forEach((row, i) => {
      const cells = row.map(cellText);
      if (!cells.some((c) => c !== '')) return;
      rows.push(cells);
      lines.push(i + 1);
    });
    return { name: sheet, rows, lines };
  });
}

/** UTF-8, or GB18030 for a CSV saved by an older Excel in Chinese Windows. */
function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (Number.isSafeInteger(cell)) return cell.toFixed(0);
    // What Excel shows of a long number: 15 significant digits (an 18-digit ID typed as a
    // number ends in …000, and the import can tell it was mangled).
    if (Number.isInteger(cell) && Math.abs(cell) < 1e21)
      return String(Number(cell.toPrecision(15)));
    return String(cell);
  }
  return String(cell).trim();
}

/** An XLSX workbook of one sheet; every cell is text, so phones and room 0101 stay as typed. */
export async function writeXlsx(rows: string[][], sheet = 'Sheet1'): Promise<Blob> {
  return writeXlsxSheets([{ name: sheet, rows }]);
}

/** An XLSX workbook of several sheets, every cell text, header rows bold. */
export async function writeXlsxSheets(sheets: { name: string; rows: string[][] }[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const data = sheets.map(({ name, rows }) => ({
    sheet: name,
    data: rows.map((row, r) =>
      row.map((value) => ({
        value,
        type: String,
        fontWeight: r === 0 ? ('bold' as const) : undefined
      }))
    )
  }));
  return writeXlsxFile(data).toBlob();
}

export function csvBlob(rows: string[][]): Blob {
  return new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}
