import type Database from 'better-sqlite3';

/** The names of a SQLite table's columns. */
export function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
}

/**
 * Add a column a newer relay keeps to a data dir made by an older one (SQLite has no
 * `ADD COLUMN IF NOT EXISTS`); `definition` is its type and default.
 */
export function addColumnIfMissing(
  db: Database.Database,
  table: string,
  column: string,
  definition: string
): void {
  if (!columnsOf(db, table).has(column))
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
