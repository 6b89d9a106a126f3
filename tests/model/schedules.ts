// The convergence property of issue 12, shared by the unit test (tests/unit/core-schedules.test.ts,
// 500+ schedules in `npm test`) and the bench (`npm run bench -- core`, 10,000+): devices on two
// schema versions, one with its clock off by up to ±10 years, create, edit, soft-delete and
// re-create rows with the same ids (incidents, whose start must not be after their end, and
// people), and exchange what they hold in random pairs. Each device plans its writes with the
// write path's own planner (lib/db/plan-write.ts) and folds local and received chunks with the
// one fold (lib/oplog/fold.ts), in memory: IndexedDB would make 10,000 schedules take hours.
// After everyone updates to version 2 and syncs, every device must hold the identical rows —
// fields, clocks and conflict flags — and so must a fresh device fed every chunk shuffled.
import fc from 'fast-check';
import { receiveHlc, tickHlc, HLC_ZERO, type Hlc } from '$lib/oplog/hlc';
import { rowState, type OpChunk, type StoredRow, type VersionVector } from '$lib/oplog/format';
import { admitChunks, foldCommit, type FoldRules, type RowsByTable } from '$lib/oplog/fold';
import { migrateFields, migrateRow, type Migrations } from '$lib/oplog/migrate';
import { rowConflicts } from '$lib/db/commit-rules';
import { planOps, prepareCreates, type Change } from '$lib/db/plan-write';
import { WriteError } from '$lib/db/write-error';

const MIN = 60_000;
const YEAR = 365 * 24 * 60 * MIN;
const BOUND = 10 * MIN;
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
/** What each schema version knows: version 2 added the segment tags (for this model). */
const knownAt: Record<number, ReadonlySet<string>> = {
  1: new Set(['person', 'incident']),
  2: new Set(['person', 'incident', 'segmentTag'])
};
const ids = ['r0', 'r1'];
/**
 * Version 2 also migrates a record (a test-only person v2, issue 12 §4): tags are stored in
 * lower case. Version-1 ops are migrated when folded, stored rows when a device updates.
 */
const migrations: Migrations = {
  person: [
    {
      since: 2,
      up: (field, value) =>
        field === 'tags' && Array.isArray(value)
          ? [[field, value.map((t) => String(t).toLowerCase())]]
          : [[field, value]]
    }
  ]
};

interface Device {
  id: string;
  version: 1 | 2;
  /** Wall clock offset from the office's real time (ms). */
  offset: number;
  rows: RowsByTable;
  hlc: Hlc;
  vv: VersionVector;
  log: OpChunk[];
  deferred: OpChunk[];
}

export type Command =
  | { k: 'create'; d: number; table: 'person' | 'incident' | 'segmentTag'; row: number; v: number }
  | {
      k: 'edit';
      d: number;
      table: 'person' | 'incident' | 'segmentTag';
      row: number;
      v: number;
      field: number;
    }
  | { k: 'delete'; d: number; table: 'person' | 'incident' | 'segmentTag'; row: number }
  | { k: 'sync'; from: number; to: number }
  | { k: 'upgrade'; d: number }
  | { k: 'wait'; ms: number };

export interface Schedule {
  devices: { version: 1 | 2; offset: number }[];
  commands: Command[];
}

const rulesOf = (d: Device): FoldRules => ({
  version: d.version,
  known: (t) => knownAt[d.version].has(t),
  check: rowConflicts,
  mayAuthor: () => true,
  migrate: (t, sv, f) => migrateFields(migrations, t, sv, d.version, f)
});

function newDevice(i: number, version: 1 | 2, offset: number): Device {
  return {
    id: `dev${i}`,
    version,
    offset,
    rows: new Map(),
    hlc: HLC_ZERO,
    vv: {},
    log: [],
    deferred: []
  };
}

function changeOf(c: Command & { k: 'create' | 'edit' | 'delete' }): Change {
  const id = ids[c.row];
  if (c.k === 'delete') return { op: 'delete', table: c.table, id };
  const v = c.v;
  if (c.table === 'incident') {
    if (c.k === 'create')
      return {
        op: 'create',
        table: 'incident',
        value: {
          id,
          communityId: 'c1',
          kind: 'water',
          title: `停水${v}`,
          script: '抢修中',
          startsAt: T0 + (v % 7) * 10 * MIN,
          // Optional: a re-created incident may have none where the deleted one had one.
          ...(v % 3 ? { endsAt: T0 + (7 + (v % 5)) * 10 * MIN } : {})
        }
      };
    const patch = [
      { startsAt: T0 + (v % 12) * 10 * MIN },
      { endsAt: T0 + (v % 12) * 10 * MIN },
      { title: v % 9 === 0 ? '' : `停水${v}` }
    ][c.field % 3];
    return { op: 'update', table: 'incident', id, patch };
  }
  if (c.table === 'segmentTag') {
    if (c.k === 'create')
      return { op: 'create', table: 'segmentTag', value: { id, name: `标签${v}` } };
    return { op: 'update', table: 'segmentTag', id, patch: { note: `备注${v}` } };
  }
  if (c.k === 'create')
    return {
      op: 'create',
      table: 'person',
      value: { id, name: `住户${v}`, phones: [], ...(v % 2 ? { notes: `备注${v}` } : {}) }
    };
  const patch = [{ name: `住户${v}` }, { notes: `备注${v}` }, { tags: [`T${v % 3}`] }][c.field % 3];
  return { op: 'update', table: 'person', id, patch };
}

/** A local write as write() makes it: planned over the stored rows, one chunk, one fold. */
const counts = { deferred: 0, recreates: 0 };

function localWrite(d: Device, change: Change, now: number): void {
  if (!knownAt[d.version].has(change.table)) return; // this version has no such screen
  const existing = new Map<string, StoredRow>();
  const id = change.op === 'create' ? change.value.id : change.id;
  const stored = id ? d.rows.get(change.table)?.get(id) : undefined;
  if (id && stored) existing.set(`${change.table}/${id}`, stored);
  if (change.op === 'create' && stored?.deleted) counts.recreates++;
  let ops;
  try {
    const { ids: written, created } = prepareCreates([change], now);
    ops = planOps([change], written, created, existing, now);
  } catch (error) {
    if (error instanceof WriteError) return; // refused: nothing written
    throw error;
  }
  d.hlc = tickHlc(d.hlc, now, d.id);
  const first = (d.vv[d.id] ?? 0) + 1;
  const chunk: OpChunk = {
    device: d.id,
    first,
    last: first + ops.length - 1,
    hlc: d.hlc,
    actor: 'F1',
    sv: d.version,
    ops
  };
  foldCommit(d.rows, [chunk], rulesOf(d), 'local');
  d.log.push(chunk);
  d.vv = { ...d.vv, [d.id]: chunk.last };
}

/** What `from` holds that `to` lacks, in log order (a sync session's batch). */
function missing(from: Device, to: Device): OpChunk[] {
  return from.log.filter((c) => c.last > (to.vv[c.device] ?? 0));
}

function receive(d: Device, chunks: OpChunk[], now: number): void {
  const { fresh, vv } = admitChunks(d.vv, chunks);
  if (!fresh.length) return;
  for (const c of fresh) d.hlc = receiveHlc(d.hlc, c.hlc, now, d.id, BOUND);
  const folded = foldCommit(d.rows, fresh, rulesOf(d), 'remote');
  d.deferred.push(...folded.deferred);
  counts.deferred += folded.deferred.length;
  d.log.push(...fresh);
  d.vv = vv;
}

/** The app is updated: what waited for version 2 is folded now (applyDeferred). */
function upgrade(d: Device): void {
  if (d.version === 2) return;
  d.version = 2;
  // Stored rows first (record-upgrade.ts), then what waited for this version.
  for (const [table, rows] of d.rows)
    for (const [id, row] of rows) {
      const next = row && migrateRow(migrations, table, 1, 2, row);
      if (next) rows.set(id, next);
    }
  const ready = d.deferred;
  d.deferred = [];
  const folded = foldCommit(d.rows, ready, rulesOf(d), 'remote');
  d.deferred.push(...folded.deferred);
}

/** Every row of a device as the app and the log see it: fields, field clocks, conflicts. */
function snapshot(d: Device): string {
  const out: [string, string, unknown][] = [];
  for (const [table, rows] of d.rows)
    for (const [id, row] of rows)
      if (row) out.push([table, id, { ...rowState(row), x: row._x ?? null }]);
  out.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  return canonical(out);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
        )
      : v
  );
}

export interface Outcome {
  converged: boolean;
  /** The device clocks stayed within the bound of their own wall time. */
  clocksBounded: boolean;
  writes: number;
  /** Rows the merge left breaking a cross-field rule (flagged on every device). */
  conflicts: number;
  /** Chunks a version-1 device kept for later (written by version 2). */
  deferred: number;
  /** Creates over a soft-deleted row with the same id. */
  recreates: number;
}

/** Run one schedule; `shuffle` orders the chunks the fresh reference device receives. */
export function runSchedule(schedule: Schedule, shuffle: number[]): Outcome {
  counts.deferred = 0;
  counts.recreates = 0;
  const devices = schedule.devices.map((s, i) => newDevice(i, s.version, s.offset));
  let t = T0;
  let clocksBounded = true;
  const wall = (d: Device) => t + d.offset;
  const checkClock = (d: Device) => {
    if (d.hlc !== HLC_ZERO && Number.parseInt(d.hlc.slice(0, 11), 36) > wall(d) + BOUND)
      clocksBounded = false;
  };
  // Every device starts from the same rows: edits then meet rows that exist.
  for (const table of ['incident', 'person'] as const)
    for (let row = 0; row < ids.length; row++)
      localWrite(
        devices[0],
        changeOf({ k: 'create', d: 0, table, row, v: row + 1 }),
        wall(devices[0])
      );
  for (const d of devices.slice(1)) receive(d, missing(devices[0], d), wall(d));
  for (const c of schedule.commands) {
    t += 1_000;
    if (c.k === 'wait') t += c.ms;
    else if (c.k === 'upgrade') upgrade(devices[c.d % devices.length]);
    else if (c.k === 'sync') {
      const from = devices[c.from % devices.length];
      const to = devices[c.to % devices.length];
      if (from === to) continue;
      receive(to, missing(from, to), wall(to));
      checkClock(to);
    } else {
      const d = devices[c.d % devices.length];
      localWrite(d, changeOf(c), wall(d));
    }
  }
  // Everyone updates, then everything reaches everyone.
  for (const d of devices) upgrade(d);
  for (let round = 0; round < 2; round++)
    for (const a of devices)
      for (const b of devices) if (a !== b) receive(b, missing(a, b), wall(b));
  for (const d of devices) checkClock(d);

  const all = devices[0].log;
  const reference = newDevice(99, 2, 0);
  const shuffled = [...all];
  shuffle.forEach((j, i) => {
    const a = i % shuffled.length;
    const b = j % shuffled.length;
    [shuffled[a], shuffled[b]] = [shuffled[b], shuffled[a]];
  });
  // A fresh device may receive them in any order: gaps wait and are resent.
  for (let i = 0; i < shuffled.length && reference.log.length < all.length; i++)
    receive(reference, shuffled, t);
  const expected = snapshot(reference);
  const converged =
    reference.log.length === all.length && devices.every((d) => snapshot(d) === expected);
  const writes = devices.reduce((n, d) => n + d.log.filter((c) => c.device === d.id).length, 0);
  let conflicts = 0;
  for (const rows of reference.rows.values())
    for (const row of rows.values()) if (row?._x) conflicts++;
  return { converged, clocksBounded, writes, conflicts, ...counts };
}

const table = fc.oneof(
  { weight: 3, arbitrary: fc.constant('incident' as const) },
  { weight: 2, arbitrary: fc.constant('person' as const) },
  { weight: 1, arbitrary: fc.constant('segmentTag' as const) }
);

export function commandArb(devices: number): fc.Arbitrary<Command> {
  const d = fc.nat({ max: devices - 1 });
  const row = fc.nat({ max: ids.length - 1 });
  const v = fc.nat({ max: 99 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ k: fc.constant('create' as const), d, table, row, v }) },
    {
      weight: 5,
      arbitrary: fc.record({
        k: fc.constant('edit' as const),
        d,
        table,
        row,
        v,
        field: fc.nat({ max: 2 })
      })
    },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('delete' as const), d, table, row }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant('sync' as const), from: d, to: d }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('upgrade' as const), d }) },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.nat({ max: 20 * MIN }) })
    }
  );
}

export const scheduleArb: fc.Arbitrary<[Schedule, number[]]> = fc
  .integer({ min: 2, max: 4 })
  .chain((n) =>
    fc.tuple(
      fc.record({
        devices: fc.tuple(
          // Device 0's clock is off by up to ±10 years; the others by up to a minute.
          fc.record({
            version: fc.constantFrom(1 as const, 2 as const),
            offset: fc.integer({ min: -10 * YEAR, max: 10 * YEAR })
          }),
          ...Array.from({ length: n - 1 }, () =>
            fc.record({
              version: fc.constantFrom(1 as const, 2 as const),
              offset: fc.integer({ min: -MIN, max: MIN })
            })
          )
        ),
        commands: fc.array(commandArb(n), { minLength: 5, maxLength: 40 })
      }),
      fc.array(fc.nat(), { maxLength: 64 })
    )
  );
