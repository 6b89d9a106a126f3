import type { MonthlyStatistics } from '$lib/domain/tickets/statistics';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';

/** The words of the spreadsheet, already translated by the page. */
export interface ExportLabels {
  indicators: string;
  categories: string;
  requests: string;
  header: { indicator: string; value: string; target: string };
  indicator: Record<string, string>;
  columns: string[];
  kind: (kind: string) => string;
  status: (status: string) => string;
  date: (ms: number | undefined) => string;
}

export interface IndicatorRow {
  key: string;
  value: number | null;
  target: string;
}

/**
 * The month's statistics as an XLSX workbook (003 篇三: statistics export to spreadsheets):
 * indicators, repairs by category, and every request of the month. write-excel-file (the
 * same library the import/export screens use) is loaded only when the button is pressed.
 */
export async function monthWorkbook(
  stats: MonthlyStatistics,
  indicators: IndicatorRow[],
  rows: TicketIndexRow[],
  labels: ExportLabels
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String });
  const num = (value: number | null) =>
    value === null ? null : { value: Math.round(value * 100) / 100, type: Number };
  const sheets = [
    {
      sheet: labels.indicators,
      data: [
        [bold(labels.header.indicator), bold(labels.header.value), bold(labels.header.target)],
        ...indicators.map((i) => [
          text(labels.indicator[i.key] ?? i.key),
          num(i.value),
          text(i.target)
        ])
      ]
    },
    {
      sheet: labels.categories,
      data: [
        [bold(labels.header.indicator), bold(labels.header.value)],
        ...stats.repairs.byCategory.map((c) => [text(c.category), num(c.count)])
      ]
    },
    {
      sheet: labels.requests,
      data: [
        labels.columns.map(bold),
        ...rows.map((r) => [
          text(r.number),
          text(labels.kind(r.kind)),
          text(r.category),
          text(labels.date(r.recordedAt)),
          text(labels.status(r.status)),
          text(labels.date(r.firstArrivedAt)),
          text(labels.date(r.firstDoneAt)),
          num(r.returnVisits),
          text(r.excerpt)
        ])
      ]
    }
  ];
  return writeXlsxFile(sheets).toBlob();
}
