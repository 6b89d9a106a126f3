import type { Settings } from '../records/settings';
import { monthlyQuota } from './quota';
import { drawHouseholds } from './draw';
import { specialCareDue, type SpecialCareHousehold } from './special-care';

export interface PlanInput {
  month: string;
  seed: number;
  /** The community's occupied households (unit ids). */
  occupied: readonly string[];
  /** The special-care households among them, with their last visit. */
  specialCare: readonly SpecialCareHousehold[];
  /** Counted visits and survey draws of earlier months, oldest first (unit ids). */
  history: Iterable<string>;
  surveyDrawn: ReadonlySet<string>;
  settings: Pick<Settings, 'visitQuotaTiers' | 'specialCareVisitMonths'>;
}

export interface DrawnPlan {
  occupied: number;
  quota: number;
  /** Special-care households due first, then the draw. */
  units: string[];
  specialCare: string[];
  newCycle: boolean;
}

/**
 * A month's plan (001 §4.3, 002): the quota from the occupied households; the special-care
 * households due on their cadence; the rest of the quota drawn from the others so that none
 * comes round twice before all have been visited, leaving out the survey's households.
 */
export function drawPlan(input: PlanInput): DrawnPlan {
  const quota = monthlyQuota(input.occupied.length, input.settings.visitQuotaTiers);
  const occupied = new Set(input.occupied);
  const care = input.specialCare.filter((h) => occupied.has(h.unitId));
  const careIds = new Set(care.map((h) => h.unitId));
  const due = specialCareDue(care, input.month, input.settings.specialCareVisitMonths);
  const universe = input.occupied.filter((id) => !careIds.has(id));
  const { drawn, newCycle } = drawHouseholds({
    seed: input.seed,
    universe,
    history: input.history,
    surveyDrawn: input.surveyDrawn,
    count: Math.max(0, quota - due.length)
  });
  return {
    occupied: input.occupied.length,
    quota,
    units: [...due, ...drawn],
    specialCare: due,
    newCycle
  };
}

/** The draw's seed for a community's month: fixed, so drawing again draws the same. */
export function planSeed(month: string, communityId: string): number {
  let h = 0x811c9dc5;
  for (const c of `${month}/${communityId}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h | 0;
}
