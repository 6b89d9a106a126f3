/** The ids that tie a field's control to its hint and error, so screen readers read both. */
export function describedBy(base: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
