const wide = /[\u00A0\u3000\uFF0B\uFF0D\uFF0E\uFF10-\uFF19\uFF20-\uFF3A\uFF41-\uFF5A]/;

/**
 * What an import does to a cell before reading it (issue 14 §4): full-width digits and
 * Latin letters (typed with a Chinese IME: １３８…, ＡＢ) become half-width, and the
 * ideographic and no-break spaces count as spaces. Punctuation stays as written, so a
 * company called 某某（集团）有限公司 keeps its brackets.
 */
export function normaliseCell(cell: string): string {
  // Most cells have nothing to change: one test instead of two replacements.
  if (!wide.test(cell)) return cell.trim();
  return cell
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF0E\uFF20]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0)
    )
    .replace(/[\u3000\u00A0]/g, ' ')
    .trim();
}

/** A value the import changed on its way in, shown to the desk with before and after. */
export interface CellChange {
  /** The import field (or the source's column name when the field is not imported). */
  field: string;
  before: string;
  after: string;
  /** An i18n key saying why, when it is not plain normalisation (import.change.*). */
  why?: string;
}
