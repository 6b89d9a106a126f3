/**
 * A template's placeholders, filled when the desk starts a notice from it (001 §4.2: one
 * company template, short and clear). The wording itself is the office's: the built-in
 * text comes from the i18n files (`notices.template.<kind>.body`), the company's own from
 * its noticeTemplate rows.
 */
export type TemplateValues = Partial<
  Record<'community' | 'office' | 'department' | 'phone' | 'start' | 'end' | 'target', string>
>;

/** Replaces `{name}` with its value; a placeholder without a value stays for the desk to fill. */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name as keyof TemplateValues];
    return value === undefined || value === '' ? whole : value;
  });
}

/** Placeholders still left in a text: publishing it as is would show `{start}` to owners. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
}
