import type { GuanjiaDexie } from '$lib/db/database';
import { write, type Actor, type Change } from '$lib/db/write';
import type { DemoRegistry } from './generate';
import { demoTicketExtras } from './ticket-extras';

/**
 * The demo's category dictionary, incidents and incident calls (ticket-extras.ts) into the
 * database through the write path; rows already there are left as they are.
 */
export async function loadDemoTicketExtras(
  actor: Actor,
  registry: DemoRegistry,
  db: GuanjiaDexie
): Promise<{
  created: Record<'ticketCategory' | 'incident' | 'incidentCall', number>;
  kept: number;
}> {
  const extras = demoTicketExtras(registry);
  const created = { ticketCategory: 0, incident: 0, incidentCall: 0 };
  let kept = 0;
  for (const table of ['ticketCategory', 'incident', 'incidentCall'] as const) {
    const rows = extras[table];
    const present = await db[table].bulkGet(rows.map((r) => r.id));
    const fresh = rows.filter((_, i) => !present[i]);
    kept += rows.length - fresh.length;
    if (!fresh.length) continue;
    // An office that already edits its own dictionary keeps it: no demo categories on top.
    if (table === 'ticketCategory' && (await db.ticketCategory.count()) > 0) continue;
    await write(
      actor,
      fresh.map((value) => ({ op: 'create', table, value }) as Change),
      { db, now: registry.asOf }
    );
    created[table] = fresh.length;
  }
  return { created, kept };
}
