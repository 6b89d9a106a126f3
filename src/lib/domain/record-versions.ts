import type { Migrations } from '$lib/oplog/migrate';

/**
 * Each record type's up-migrations (issue 12 §4, lib/oplog/migrate.ts says how they work and
 * why they go field by field). A type listed nowhere is at version 1. To change how a record
 * stores a field: raise SCHEMA_VERSION (lib/oplog/format.ts) and add the migration here with
 * `since` = that version; ops of older apps are migrated when folded, stored rows when this
 * version first opens the database (lib/db/commit.ts `upgradeStoredRows`).
 *
 * None yet: every record is at version 1 (the test suite has a v1 → v2 example).
 */
export const recordMigrations: Migrations = {};
