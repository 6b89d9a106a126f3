/**
 * How the desk writes a unit: building-entrance-room ("3-2-1201"), or building-room
 * ("3-1201") when the building has a single entrance. Apart from the unit's schema (zod)
 * so that the search box in the top bar does not load the schemas with the first screen.
 */
export function unitCode(buildingCode: string, unit: { entrance?: string; room: string }): string {
  return unit.entrance
    ? `${buildingCode}-${unit.entrance}-${unit.room}`
    : `${buildingCode}-${unit.room}`;
}

/** Whether a role on a unit holds on `day` (YYYY-MM-DD): from ≤ day, and not ended before it. */
export function isCurrent(o: { from: string; to?: string }, day: string): boolean {
  return o.from <= day && (o.to === undefined || o.to >= day);
}
