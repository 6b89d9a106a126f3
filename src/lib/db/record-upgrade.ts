import { SCHEMA_VERSION, type StoredRow } from '$lib/oplog/format';
import { mergedConflicts } from '$lib/oplog/fold';
import { migrateRow, type Migrations } from '$lib/oplog/migrate';
import { recordMigrations } from '$lib/domain/record-versions';
import { tableNames, type TableName } from '$lib/domain/tables';
import { rowConflicts } from './commit-rules';
import type { GuanjiaDexie } from './database';

/**
 * Stored rows of a device that updates its app, migrated to the new record versions (issue
 * 12 §4) once, before anything reads them (database.ts runs this when the database opens).
 * Field by field with each field's clock (lib/oplog/migrate.ts says why): the result is the
 * row a device of the new version folds from the same log, so devices that updated and
 * devices that joined later hold identical rows. Ops of older apps that arrive later are
 * migrated as they are folded (fold.ts); the log keeps them as written.
 */
export async function upgradeStoredRows(
  db: GuanjiaDexie,
  options: { schemaVersion?: number; migrations?: Migrations } = {}
): Promise<number> {
  const version = options.schemaVersion ?? SCHEMA_VERSION;
  const migrations = options.migrations ?? recordMigrations;
  const state = await db.meta.get('sync');
  // No state: nothing was ever stored (the first commit records its version).
  if (!state || (state.rowsAt ?? 1) >= version) return 0;
  const from = state.rowsAt ?? 1;
  const tables = tableNames.filter((t) =>
    (migrations[t] ?? []).some((m) => m.since > from && m.since <= version)
  );
  return db.transaction('rw', [db.meta, ...tables.map((t) => db[t])], async () => {
    const now = await db.meta.get('sync');
    if (!now || (now.rowsAt ?? 1) >= version) return 0;
    let migrated = 0;
    for (const table of tables as TableName[]) {
      const rows = await db[table].toArray();
      const changed: StoredRow[] = [];
      for (const row of rows) {
        const next = migrateRow(migrations, table, from, version, row);
        if (!next) continue;
        // The rules are checked again the way the fold checks a merged row.
        const conflicts = mergedConflicts(table, next, rowConflicts);
        if (conflicts.length) next._x = conflicts;
        else delete next._x;
        changed.push(next);
      }
      await db[table].bulkPut(changed);
      migrated += changed.length;
    }
    await db.meta.put({ ...now, rowsAt: version });
    return migrated;
  });
}
