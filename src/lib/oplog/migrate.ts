import { HLC_ZERO, type Hlc } from './hlc';
import { fieldClock, type StoredRow } from './format';

/**
 * Record versions and up-migrations (issue 12 §4; tldraw's tlschema is the model: each record
 * type has a version and an ordered list of up-migrations).
 *
 * A record type's version is 1 + the number of its migrations. Each migration names the app
 * schema version (`SCHEMA_VERSION`, carried by every chunk as `sv`) that introduced it, so a
 * chunk's `sv` says which version of every record type its author wrote: the chunk carries
 * its author's record versions by that one number, and the wire format stays as it is (a
 * device of an older app still reads it and keeps it for later, see fold.ts `isDeferred`).
 *
 * Why migrations work field by field. Rows merge field by field (last writer wins per field,
 * fold.ts), and an op carries only the fields it sets. A migration is therefore a function
 * of ONE field: `up(field, value)` returns the field(s) and value(s) this version stores for
 * it (a rename, a new encoding, nothing to drop it). Migrating field by field commutes with
 * the merge, which is what keeps every device identical:
 * - an op of an older version is migrated before it is folded (`migrateFields`), every
 *   device the same way, whatever order ops arrive in;
 * - rows already stored when a device updates are migrated in place (`migrateRow`): each
 *   field moves with its own clock, so the row equals the fold of the migrated ops — the row
 *   a fresh device of the new version builds from the same log. Where two fields become one,
 *   the newer clock wins, as the merge would; on equal clocks (one op) the later field name.
 * A migration that needs several fields at once (join a surname and a given name) cannot be
 * merged per field and is not allowed: add a field instead and fill it in the UI.
 * The log keeps every op as its author wrote it (it is signed, and the audit trail).
 */

export interface FieldMigration {
  /** The app schema version (SCHEMA_VERSION) that introduced it. */
  since: number;
  /** This field's name and value as the new version stores them ([] drops the field). */
  up(field: string, value: unknown): [string, unknown][];
}

/** Migrations by record type (table name), in order. A type without any is at version 1. */
export type Migrations = Readonly<Record<string, readonly FieldMigration[]>>;

/** The version of `table`'s records written by an app of schema version `sv`. */
export function recordVersion(migrations: Migrations, table: string, sv: number): number {
  return 1 + (migrations[table]?.filter((m) => m.since <= sv).length ?? 0);
}

/** The migrations a value written at `from` goes through to reach `to`, in order. */
function steps(migrations: Migrations, table: string, from: number, to: number) {
  return (migrations[table] ?? []).filter((m) => m.since > from && m.since <= to);
}

/** One field through the migrations: what it becomes. */
function run(list: readonly FieldMigration[], field: string, value: unknown): [string, unknown][] {
  let current: [string, unknown][] = [[field, value]];
  for (const step of list) current = current.flatMap(([f, v]) => step.up(f, v));
  return current;
}

/** An op's fields, written by an app of version `from`, as version `to` writes them. */
export function migrateFields(
  migrations: Migrations,
  table: string,
  from: number,
  to: number,
  fields: Readonly<Record<string, unknown>>
): Record<string, unknown> {
  const list = steps(migrations, table, from, to);
  if (!list.length) return { ...fields };
  const out: Record<string, unknown> = {};
  const entries = Object.keys(fields)
    .sort()
    .map((f): [string, unknown, Hlc] => [f, fields[f], HLC_ZERO]);
  for (const [field, [value]] of runSorted(list, entries)) out[field] = value;
  return out;
}

/**
 * A stored row, folded by version `from`, as version `to` stores it: each field migrated with
 * its own clock. Undefined when nothing changes.
 */
export function migrateRow(
  migrations: Migrations,
  table: string,
  from: number,
  to: number,
  row: StoredRow
): StoredRow | undefined {
  const list = steps(migrations, table, from, to);
  if (!list.length) return undefined;
  const entries: [string, unknown, Hlc][] = Object.keys(row)
    .filter((f) => f !== 'id' && f !== '_c' && f !== '_cf' && f !== '_x')
    .sort()
    .map((f) => [f, row[f], fieldClock(row, f)]);
  const out: StoredRow = { id: row.id, _c: row._c };
  const clocks: Record<string, Hlc> = {};
  for (const [field, [value, clock]] of runSorted(list, entries)) {
    out[field] = value;
    if (clock !== row._c) clocks[field] = clock;
  }
  if (Object.keys(clocks).length) out._cf = clocks;
  if (row._x) out._x = row._x;
  return out;
}

/** Every field migrated alone; a target written from several fields takes the newest. */
function runSorted(
  list: readonly FieldMigration[],
  entries: [string, unknown, Hlc][]
): Map<string, [unknown, Hlc]> {
  const all: { target: string; value: unknown; clock: Hlc; source: string }[] = [];
  for (const [source, v, clock] of entries)
    for (const [target, value] of run(list, source, v)) all.push({ target, value, clock, source });
  all.sort((a, b) =>
    a.clock !== b.clock ? (a.clock < b.clock ? -1 : 1) : a.source < b.source ? -1 : 1
  );
  const out = new Map<string, [unknown, Hlc]>();
  for (const e of all) out.set(e.target, [e.value, e.clock]);
  return out;
}

/** The common migration: a field renamed (its value and clock move with it). */
export function renameField(since: number, from: string, to: string): FieldMigration {
  return { since, up: (field, value) => [[field === from ? to : field, value]] };
}
