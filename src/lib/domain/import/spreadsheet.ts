import { parseCsv, toCsv } from './csv';

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
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

/** An XLSX workbook of one sheet; every cell is text, so phones and room 0101 stay as typed. */
export async function writeXlsx(rows: string[][], sheet = 'Sheet1'): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const data = rows.map((row, r) =>
    row.map((value) => ({
      value,
      type: String,
      fontWeight: r === 0 ? ('bold' as const) : undefined
    }))
  );
  return writeXlsxFile(data, { sheet }).toBlob();
}

export function csvBlob(rows: string[][]): Blob {
  return new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}
