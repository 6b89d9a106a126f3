import type { OfficeFigures, SideBySide } from '$lib/domain/company/side-by-side';
import type { IndicatorValue } from '$lib/domain/indicators/formulas';

/** The words of the workbook, already translated by the page (the same as on screen). */
export interface CompanyExportLabels {
  sheet: string;
  overdueSheet: string;
  indicator: string;
  rowName: (row: SideBySide['rows'][number]) => string;
  office: string;
  columns: string[];
  kind: (kind: string) => string;
  due: (due: string) => string;
  date: (ms: number) => string;
  verdict: (i: IndicatorValue) => string;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The side-by-side table as an XLSX workbook (issue 21 §4: the company view exports): one
 * sheet with a column per office (value and verdict per indicator, then the counts), one
 * with every overdue item by office. Built on this device from what it holds; no server
 * sees it. write-excel-file is loaded only when the button is pressed.
 */
export async function companyWorkbook(
  table: SideBySide,
  offices: readonly OfficeFigures[],
  labels: CompanyExportLabels
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String });
  const num = (value: number | null | undefined) =>
    value === null || value === undefined ? null : { value: round2(value), type: Number };
  const header = [
    bold(labels.indicator),
    ...table.columns.flatMap((c) => [bold(c.officeName), bold('')])
  ];
  const sideBySide = [
    header,
    [text(''), ...table.columns.flatMap((c) => [text(c.communities.join('、')), text('')])],
    ...table.rows.map((row) => [
      text(labels.rowName(row)),
      ...(row.kind === 'indicator'
        ? row.cells.flatMap((cell) => [num(cell?.value), text(cell ? labels.verdict(cell) : '')])
        : row.cells.flatMap((n) => [num(n), text('')]))
    ])
  ];
  const overdue = [
    [bold(labels.office), ...labels.columns.map(bold)],
    ...offices.flatMap((o) =>
      o.overdue.map((item) => [
        text(o.officeName),
        text(item.number),
        text(labels.kind(item.kind)),
        text(item.category),
        text(labels.due(item.due)),
        text(labels.date(item.dueAt))
      ])
    )
  ];
  return writeXlsxFile([
    { sheet: labels.sheet, data: sideBySide },
    { sheet: labels.overdueSheet, data: overdue }
  ]).toBlob();
}
