import type { CollectionReport } from '$lib/db/queries/fees';

export interface CollectionLabels {
  sheet: string;
  header: [string, string, string, string];
  total: string;
  label: (key: string) => string;
}

/**
 * The collection-rate report as an XLSX workbook (003 篇三: statistics export to spreadsheets).
 * Amounts are computed in fen; a spreadsheet holds numbers as doubles, so they are written as
 * yuan with two decimals (fen ÷ 100) at this edge only, and the rate as a fraction formatted
 * as a percentage.
 */
export async function collectionWorkbook(
  report: CollectionReport,
  labels: CollectionLabels
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const yuan = (fen: number) => ({ value: fen / 100, type: Number, format: '#,##0.00' });
  const rate = (r: number | null) =>
    r === null ? null : { value: Math.round(r * 10_000) / 10_000, type: Number, format: '0.00%' };
  const line = (label: string, r: CollectionReport['total']) => [
    { value: label, type: String },
    yuan(r.receivableFen),
    yuan(r.collectedFen),
    rate(r.ratio)
  ];
  return writeXlsxFile([
    {
      sheet: labels.sheet,
      data: [
        labels.header.map(bold),
        ...report.rows.map((r) => line(labels.label(r.label), r)),
        line(labels.total, report.total)
      ],
      columns: [{ width: 20 }, { width: 16 }, { width: 16 }, { width: 10 }]
    }
  ]).toBlob();
}
