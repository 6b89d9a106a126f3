// Export of a filtered households list (issue 5 §6): XLSX or CSV (UTF-8 with BOM), in the
// columns the import reads. The spreadsheet library loads only when someone exports.
import { t, i18n } from '$lib/i18n';
import { importFields, type ImportField } from '$lib/domain/import/columns';
import { exportRows } from '$lib/domain/import/export-rows';
import { csvBlob, writeXlsx } from '$lib/domain/import/spreadsheet';
import { exportLinesOf, type HouseholdRow } from '$lib/db/queries/households';

export function columnLabels(): Record<ImportField, string> {
  return Object.fromEntries(importFields.map((f) => [f, t(`import.field.${f}`)])) as Record<
    ImportField,
    string
  >;
}

export async function exportHouseholds(rows: HouseholdRow[], kind: 'xlsx' | 'csv', name: string) {
  const sheet = exportRows(exportLinesOf(rows), columnLabels(), i18n.locale);
  const blob = kind === 'xlsx' ? await writeXlsx(sheet, t('households.title')) : csvBlob(sheet);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
