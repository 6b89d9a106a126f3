import { Dexie, type Table } from 'dexie';
import type { Actor } from './write';
import { openDatabase, type GuanjiaDexie } from './database';

/**
 * Issue 21 §4: a company device belongs to several offices. How it holds them:
 *
 * - **One Dexie database per office**, named from the office id (`guanjia-office-<id>`), with
 *   the same schema as the single office's `guanjia` database. Each holds that office's op
 *   log, rows, sync state and — in its device-local `local` table — that office's keys, so
 *   nothing of one office is ever sealed, stored or sent with another's key, and leaving an
 *   office is deleting one database. The existing read and write code takes a `db` argument
 *   and runs on it unchanged (the indicators report is computed by the same functions).
 * - **A small device-level registry** (`guanjia-offices`): one row per membership (office id,
 *   database name, the office's name as last seen, the read-only actor the office's manager
 *   gave this device). It holds no office data and no key.
 *
 * A normal tablet never opens either: `database()` stays the one `guanjia` database, so
 * every screen, test and `db` import keeps its single-office meaning.
 */
export interface Membership {
  /** The office id (from its public key: lib/sync/crypto `officeIdOf`). */
  office: string;
  dbName: string;
  /** The office's name as last read from its database (the list shows it before it opens). */
  name: string;
  /** This device's staff id in that office, with the read-only company role. */
  actor: Actor;
  joinedAt: number;
}

export type OfficeRegistry = Dexie & { memberships: Table<Membership, string> };

export const REGISTRY_DB_NAME = 'guanjia-offices';

/** The database of one office on a company device. */
export function officeDatabaseName(office: string): string {
  return `guanjia-office-${office}`;
}

export function openRegistry(name = REGISTRY_DB_NAME): OfficeRegistry {
  const db = new Dexie(name) as OfficeRegistry;
  db.version(1).stores({ memberships: 'office' });
  return db;
}

let registry: OfficeRegistry | undefined;

/** This device's registry (opened on first use: a normal tablet never does). */
export function officeRegistry(): OfficeRegistry {
  registry ??= openRegistry();
  return registry;
}

/** The offices this device belongs to, oldest membership first. */
export async function listMemberships(
  reg: OfficeRegistry = officeRegistry()
): Promise<Membership[]> {
  return (await reg.memberships.toArray()).sort(
    (a, b) => a.joinedAt - b.joinedAt || (a.office < b.office ? -1 : 1)
  );
}

const open = new Map<string, GuanjiaDexie>();

/** An office's database (one connection per database for the page's life). */
export function officeDatabase(membership: Pick<Membership, 'dbName'>): GuanjiaDexie {
  let db = open.get(membership.dbName);
  if (!db) open.set(membership.dbName, (db = openDatabase(membership.dbName)));
  return db;
}

/** Record a membership (after the office's manager approved this device). */
export async function addMembership(
  membership: Omit<Membership, 'dbName'>,
  reg: OfficeRegistry = officeRegistry()
): Promise<Membership> {
  const row: Membership = { ...membership, dbName: officeDatabaseName(membership.office) };
  await reg.memberships.put(row);
  return row;
}

/** Keep the office's name current in the list (read from its database when it opens). */
export async function renameMembership(
  office: string,
  name: string,
  reg: OfficeRegistry = officeRegistry()
): Promise<void> {
  await reg.memberships.update(office, { name });
}

/**
 * Leave an office: its database (records, op log, keys) is deleted from this device and the
 * membership removed. The office still lists the device until its manager removes it there
 * (which also rotates the key); this device can no longer read anything of it either way.
 */
export async function leaveOffice(
  office: string,
  reg: OfficeRegistry = officeRegistry()
): Promise<void> {
  const row = await reg.memberships.get(office);
  const dbName = row?.dbName ?? officeDatabaseName(office);
  const db = open.get(dbName);
  db?.close();
  open.delete(dbName);
  await Dexie.delete(dbName);
  await reg.memberships.delete(office);
}
