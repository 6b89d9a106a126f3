import type { PreparedSource } from './hc';
import type { ImportPlan, RowReport } from './plan';

/**
 * The import report as a sheet (issue 14 §4): the source's own header and each refused or
 * changed row as the file wrote it, then two columns, the outcome and the reasons. Fixed
 * in Excel, it imports again as it is: the outcome and reasons columns are not read (HC's
 * 资产信息 is read by position A–U, a sheet of the app's columns by header).
 */
export function reportSheet(
  source: Pick<PreparedSource, 'report'>,
  plan: Pick<ImportPlan, 'bad' | 'changed'>,
  describe: (report: RowReport, refused: boolean) => { outcome: string; reasons: string },
  headers: { outcome: string; reasons: string; line: string }
): { name: string; rows: string[][] } {
  const width = source.report.header.length;
  const pad = (row: string[]) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  const lines = [
    ...plan.bad.map((r) => ({ r, refused: true })),
    ...plan.changed.map((r) => ({ r, refused: false }))
  ].sort((a, b) => a.r.index - b.r.index);
  return {
    name: source.report.sheet,
    rows: [
      [...pad(source.report.header), headers.outcome, headers.reasons, headers.line],
      ...lines.map(({ r, refused }) => {
        const { outcome, reasons } = describe(r, refused);
        const where = r.sheet ? `${r.sheet} ${r.line}` : String(r.line);
        return [...pad(source.report.rows[r.index] ?? []), outcome, reasons, where];
      })
    ]
  };
}
