import { withoutClocks, type RowConflict } from '$lib/oplog/format';
import { incidentActive, type Incident } from '$lib/domain/records/incident';
import { database, type GuanjiaDexie } from '../database';

export interface IncidentWithCalls extends Incident {
  calls: number;
  /** Rules the row breaks after two devices' edits merged (issue 12): shown, never hidden. */
  conflicts?: RowConflict[];
}

/** Incidents, newest first, with the number of calls attached to each. */
export async function listIncidents(db: GuanjiaDexie = database()): Promise<IncidentWithCalls[]> {
  const [incidents, calls] = await Promise.all([db.incident.toArray(), db.incidentCall.toArray()]);
  const counts = new Map<string, number>();
  for (const c of calls)
    counts.set(String(c.incidentId), (counts.get(String(c.incidentId)) ?? 0) + 1);
  return incidents
    .map((r) => ({ ...(withoutClocks(r) as unknown as Incident), conflicts: r._x }))
    .filter((i) => !i.deleted)
    .map((i) => ({ ...i, calls: counts.get(i.id) ?? 0 }))
    .sort((a, b) => b.startsAt - a.startsAt);
}

/** What is going on now (the intake screen shows their scripts). */
export async function activeIncidents(
  now: number,
  db: GuanjiaDexie = database()
): Promise<IncidentWithCalls[]> {
  return (await listIncidents(db)).filter((i) => incidentActive(i, now));
}
