/** The staff app's database (database.ts opens it; kept here so asking costs no Dexie). */
export const DB_NAME = 'guanjia';

/**
 * Whether this browser has never made the app's database: a new tablet, whose first screen is
 * the setup form. Asked without opening it (opening would create it) and without Dexie, so that
 * screen shows before the database code has loaded (Lighthouse, issue 20). `false` when the
 * browser cannot tell (no `indexedDB.databases()`): the caller then waits for the database.
 */
export async function noDatabaseYet(name = DB_NAME): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false;
  try {
    return !(await indexedDB.databases()).some((info) => info.name === name);
  } catch {
    return false;
  }
}

const CHANNEL = 'guanjia-first-run';

/** Tells this browser's other tabs that the database was just made (setup, joining, a restore). */
export function announceDatabaseMade(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('made');
  channel.close();
}

/** Calls `made` when another tab of this browser makes the database; returns the stop. */
export function onDatabaseMade(made: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => made();
  return () => channel.close();
}
