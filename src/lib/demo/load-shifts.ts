import { putBlob } from '$lib/db/blobs';
import type { GuanjiaDexie } from '$lib/db/database';
import { SNAPSHOT_TYPE } from '$lib/db/actions/handover';
import { write, type Actor, type Change } from '$lib/db/write';
import { defaultSettings } from '$lib/domain/records/settings';
import { dayOf } from './calendar';
import type { DemoDay } from './history';
import type { DemoRegistry } from './generate';
import { demoShifts, SHIFT_DAYS, type DemoTicketRef } from './shifts';

/** Keep the requests of the month the demo shifts cover (call for every history day). */
export function collectShiftTickets(into: DemoTicketRef[], day: DemoDay, asOf: number): void {
  if (day.day < dayOf(asOf) - SHIFT_DAYS - 1) return;
  for (const t of day.ticket)
    into.push({ id: t.id, number: String(t.number), content: String(t.content), day: day.day });
}

/**
 * The demo month of handovers (shifts.ts) into the database: each signed snapshot as a blob
 * (what the signed record renders), then the shift and its steps in one write at the time of
 * its last step. Shifts already there are left as they are (counted as kept, with their steps).
 */
export async function loadDemoShifts(
  actor: Actor,
  registry: DemoRegistry,
  tickets: readonly DemoTicketRef[],
  db: GuanjiaDexie
): Promise<{ shift: number; handoverEvent: number; kept: number }> {
  const today = dayOf(registry.asOf);
  const days = Array.from({ length: SHIFT_DAYS }, (_, i) => today - SHIFT_DAYS + i);
  const settings = await db.settings.toCollection().first();
  const equipment = Array.isArray(settings?.handoverEquipment)
    ? (settings.handoverEquipment as string[])
    : defaultSettings().handoverEquipment;
  const shifts = demoShifts({
    seed: registry.seed,
    size: registry.size,
    days,
    frontDesk: registry.byRole.frontDesk,
    supervisor: registry.byRole.supervisor,
    manager: registry.byRole.manager,
    tickets,
    equipment
  });
  const present = await db.shift.bulkGet(shifts.map((s) => s.shift.id));
  const out = { shift: 0, handoverEvent: 0, kept: 0 };
  for (const [i, { shift, steps }] of shifts.entries()) {
    if (present[i]) {
      out.kept += 1 + steps.length;
      continue;
    }
    const changes: Change[] = [{ op: 'create', table: 'shift', value: shift }];
    for (const { signs, ...step } of steps) {
      const at = step.at;
      const signature = signs
        ? {
            snapshot: await putBlob(signs, SNAPSHOT_TYPE, db, at),
            size: signs.byteLength,
            equipment: [...equipment]
          }
        : undefined;
      changes.push({
        op: 'create',
        table: 'handoverEvent',
        value: signature ? { ...step, signature } : step
      });
    }
    await write(actor, changes, { db, now: steps.at(-1)?.at ?? registry.asOf });
    out.shift++;
    out.handoverEvent += steps.length;
  }
  return out;
}
