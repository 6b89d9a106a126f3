/**
 * Special-care households (残疾人, 孤寡老人, 特殊贡献者: 002 "对特殊客户的特别关注") are not
 * left to the draw: each is visited every `everyMonths` months (a setting; monthly by default),
 * counted from its last visit, and at once if it has never been visited.
 */
export interface SpecialCareHousehold {
  unitId: string;
  /** The month ('YYYY-MM') of its last counted visit, if any. */
  lastVisited?: string;
}

/** Months from `a` to `b` ('2026-11' → '2027-01' is 2). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma);
}

export function specialCareDue(
  households: readonly SpecialCareHousehold[],
  month: string,
  everyMonths: number
): string[] {
  const cadence = Math.max(1, Math.floor(everyMonths));
  return households
    .filter((h) => h.lastVisited === undefined || monthsBetween(h.lastVisited, month) >= cadence)
    .map((h) => h.unitId);
}

/** The month after "2026-12" is "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
