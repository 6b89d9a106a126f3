import { hashPin } from '$lib/auth/pin';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { write, type Actor, type Change } from '$lib/db/write';
import { refusedWhole } from '$lib/db/write-error';
import { OFFICE_ID } from '$lib/domain/records/office';
import { SETTINGS_ID, defaultSettings } from '$lib/domain/records/settings';
import { can, type Role } from '$lib/domain/roles';
import type { TableName } from '$lib/domain/tables';
import { dayOf, startOfDay } from './calendar';
import { demoDays, demoRegistry } from './generate';
import { HISTORY_DAYS } from './history';
import { collectShiftTickets, loadDemoShifts } from './load-shifts';
import { loadDemoTicketExtras } from './load-ticket-extras';
import { demoVisitHistory } from './visits';
import type { DemoTicketRef } from './shifts';
import type { DemoOptions } from './types';

export interface LoadDemoOptions extends DemoOptions {
  db?: GuanjiaDexie;
  /** Called after every write: `done` of `total` steps (one step = one write call). */
  onProgress?: (done: number, total: number) => void;
  /** PBKDF2 iterations for the demo PINs (tests pass a small number; default: the app's). */
  pinIterations?: number;
}

export interface DemoLoadResult {
  /** New rows per table. */
  created: Partial<Record<TableName, number>>;
  /** Rows an earlier load had already written: left as they are (even if edited since). */
  kept: number;
  /** Who can sign in, with the demo PIN. */
  pins: { staffId: string; name: string; role: Role; pin: string }[];
}

/** Rows per write of the registry: one transaction each, small enough to keep the UI alive. */
const REGISTRY_BATCH = 2_000;

type Create = Extract<Change, { op: 'create' }>;
const create = <T extends TableName>(table: T, value: Extract<Create, { table: T }>['value']) =>
  ({ op: 'create', table, value }) as Create;

/**
 * Load the demo office (foundation issue item 7) through the one write path. It is added
 * beside what the office has: the office's name, settings, staff and records stay, and
 * the manager who loads it stays manager. Ids come from the seed, so a second load writes
 * only what is not there yet (nothing, or the days since the last load).
 *
 * The history is written one day per write, with the write's clock set to that day, so a
 * request's `createdAt` is the day it was recorded — lists sorted by creation look real.
 */
export async function loadDemoOffice(
  actor: Actor,
  options: LoadDemoOptions
): Promise<DemoLoadResult> {
  if (!can(actor.role, 'loadDemo')) {
    throw refusedWhole('forbidden');
  }
  const db = options.db ?? database();
  const registry = demoRegistry(options);
  const historyStart = startOfDay(dayOf(registry.asOf) - HISTORY_DAYS + 1);
  const created: Partial<Record<TableName, number>> = {};
  let kept = 0;

  const registryTables = [
    'community',
    'building',
    'unit',
    'person',
    'occupancy',
    'segmentTag',
    'houseHealthEntry'
  ] as const;
  const registryChanges: Create[] = registryTables.flatMap((table) =>
    (registry[table] as Create['value'][]).map(
      (value) => ({ op: 'create', table, value }) as Create
    )
  );
  const registryBatches = Math.ceil(registryChanges.length / REGISTRY_BATCH);
  // Two years of owner visits (issue 15), planned by the office's own rules: the draw then has
  // a history to work from, and the plan, records and summary screens have content.
  const visits = demoVisitHistory(registry, 24);
  const visitChanges: Create[] = [
    ...visits.visitPlan.map((value) => create('visitPlan', value)),
    ...visits.visitAssignment.map((value) => create('visitAssignment', value)),
    ...visits.visitRecord.map((value) => create('visitRecord', value))
  ];
  const visitBatches = Math.ceil(visitChanges.length / REGISTRY_BATCH);
  const total = 4 + registryBatches + HISTORY_DAYS + visitBatches;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);

  /** Write the changes whose rows are not there yet. */
  async function writeNew(changes: Create[], now: number): Promise<void> {
    const fresh = await withoutExisting(db, changes);
    kept += changes.length - fresh.length;
    if (fresh.length) {
      await write(actor, fresh, { db, now });
      for (const c of fresh) created[c.table] = (created[c.table] ?? 0) + 1;
    }
    step();
  }

  // The office and its settings only if this device has none (a fresh profile).
  await writeNew(
    [
      create('office', { id: OFFICE_ID, name: `${registry.community[0].name}物业服务中心` }),
      create('settings', { id: SETTINGS_ID, ...defaultSettings() })
    ],
    registry.asOf
  );

  // PINs are hashed (with a random salt) only for staff not there yet: PBKDF2 is slow on purpose.
  const present = await db.staff.bulkGet(registry.staff.map((s) => s.id));
  const staff = await Promise.all(
    registry.staff
      .filter((_, i) => !present[i])
      .map(async (s) =>
        create('staff', {
          ...s,
          ...(await hashPin(registry.demoPins[s.id], options.pinIterations))
        })
      )
  );
  kept += registry.staff.length - staff.length;
  await writeNew(staff, historyStart);

  for (let i = 0; i < registryChanges.length; i += REGISTRY_BATCH) {
    await writeNew(registryChanges.slice(i, i + REGISTRY_BATCH), historyStart);
  }

  const recent: DemoTicketRef[] = []; // what the demo shifts' pending items follow up
  for (const day of demoDays(registry)) {
    collectShiftTickets(recent, day, registry.asOf);
    const changes = [
      ...day.ticket.map((value) => create('ticket', value)),
      ...day.ticketEvent.map((value) => create('ticketEvent', value))
    ];
    // The events are in time order: the day's last one is when its records were written.
    const last = day.ticketEvent.at(-1)?.at ?? startOfDay(day.day);
    await writeNew(changes, last);
  }

  // A month of front-desk handovers (003 §3.9), in a file of their own.
  const shifts = await loadDemoShifts(actor, registry, recent, db);
  if (shifts.shift)
    Object.assign(created, { shift: shifts.shift, handoverEvent: shifts.handoverEvent });
  kept += shifts.kept;
  step();

  // Service requests' dictionary, incidents and their calls (issue 6 §6), in files of their own.
  const extras = await loadDemoTicketExtras(actor, registry, db);
  for (const [table, n] of Object.entries(extras.created)) if (n) created[table as TableName] = n;
  kept += extras.kept;
  step();

  for (let i = 0; i < visitChanges.length; i += REGISTRY_BATCH)
    await writeNew(visitChanges.slice(i, i + REGISTRY_BATCH), registry.asOf);

  const pins = registry.staff.map((s) => ({
    staffId: s.id,
    name: s.name,
    role: s.role,
    pin: registry.demoPins[s.id]
  }));
  return { created, kept, pins };
}

/** The creates whose id is not in the database yet (a soft-deleted demo row stays deleted). */
async function withoutExisting(db: GuanjiaDexie, changes: Create[]): Promise<Create[]> {
  const byTable = new Map<TableName, Create[]>();
  for (const c of changes) {
    const list = byTable.get(c.table);
    if (list) list.push(c);
    else byTable.set(c.table, [c]);
  }
  const out: Create[] = [];
  for (const [table, list] of byTable) {
    const rows = await db[table].bulkGet(list.map((c) => c.value.id ?? ''));
    list.forEach((c, i) => {
      if (!rows[i]) out.push(c);
    });
  }
  return out;
}
