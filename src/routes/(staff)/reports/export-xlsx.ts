import type { MonthlyStatistics } from '$lib/domain/tickets/statistics';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import type { IndicatorValue } from '$lib/domain/indicators/formulas';

/** The words of the spreadsheet, already translated by the page. */
export interface ExportLabels {
  indicators: string;
  trend: string;
  categories: string;
  requests: string;
  header: {
    indicator: string;
    value: string;
    target: string;
    met: string;
    numerator: string;
    denominator: string;
    excluded: string;
    window: string;
  };
  name: (key: string) => string;
  target: (i: IndicatorValue) => string;
  verdict: (i: IndicatorValue) => string;
  window: (i: IndicatorValue) => string;
  unit: (i: IndicatorValue) => string;
  columns: string[];
  kind: (kind: string) => string;
  status: (status: string) => string;
  date: (ms: number | undefined) => string;
}

/** Two decimals, as on the page. */
const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The whole report as an XLSX workbook (003 篇三: statistics export to spreadsheets): the
 * indicators of the month with their formula's parts, the twelve-month trend, repairs by
 * category and every request of the month. write-excel-file (the same library the
 * import/export screens use) is loaded only when the button is pressed.
 */
export async function monthWorkbook(
  stats: MonthlyStatistics,
  year: { month: string; values: IndicatorValue[] }[],
  rows: TicketIndexRow[],
  labels: ExportLabels
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String });
  const num = (value: number | null | undefined) =>
    value === null || value === undefined ? null : { value: round2(value), type: Number };
  const current = year.at(-1)?.values ?? [];
  const h = labels.header;
  const sheets = [
    {
      sheet: labels.indicators,
      data: [
        [
          h.indicator,
          h.value,
          h.target,
          h.met,
          h.numerator,
          h.denominator,
          h.excluded,
          h.window
        ].map(bold),
        ...current.map((i) => [
          text(`${labels.name(i.key)}（${labels.unit(i)}）`),
          num(i.value),
          text(labels.target(i)),
          text(labels.verdict(i)),
          num(i.numerator),
          num(i.denominator),
          num(i.excluded),
          text(labels.window(i))
        ])
      ]
    },
    {
      sheet: labels.trend,
      data: [
        [bold(h.indicator), ...year.map((m) => bold(m.month))],
        ...current.map((i) => [
          text(`${labels.name(i.key)}（${labels.unit(i)}）`),
          ...year.map((m) => num(m.values.find((v) => v.key === i.key)?.value))
        ])
      ]
    },
    {
      sheet: labels.categories,
      data: [
        [bold(h.indicator), bold(h.value)],
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
