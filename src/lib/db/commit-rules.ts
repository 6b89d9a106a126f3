import type { RowConflict, StoredRow } from '$lib/oplog/format';
import { SCHEMA_VERSION } from '$lib/oplog/format';
import type { FoldRules } from '$lib/oplog/fold';
import { attemptOfRowOp, permits } from '$lib/domain/permissions';
import { roles, type Role } from '$lib/domain/roles';
import { tableNames, tableSchemas, type TableName } from '$lib/domain/tables';

/**
 * What the fold (lib/oplog/fold.ts) needs to know of the office's records, from lib/domain:
 * which tables exist, their cross-field rules, and who may write what. Pure (no storage), so
 * the convergence property test folds with exactly these rules.
 */

const known = new Set<string>(tableNames);
const isTable = (t: string): t is TableName => known.has(t);
const roleSet = new Set<string>(roles);

/** Whether a table's schema has rules across fields (zod refinements) at all. */
const withRules = new Map<string, boolean>();
function hasRules(table: TableName): boolean {
  let has = withRules.get(table);
  if (has === undefined) {
    const def = (tableSchemas[table] as unknown as { _zod: { def: { checks?: unknown[] } } })._zod
      .def;
    has = (def.checks?.length ?? 0) > 0;
    withRules.set(table, has);
  }
  return has;
}

/** The cross-field rules a row breaks: only rules (refine), not the fields' own shape. */
export function rowConflicts(table: string, row: Record<string, unknown>): RowConflict[] {
  if (!isTable(table) || !hasRules(table)) return [];
  const parsed = tableSchemas[table].safeParse(row);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((i) => i.code === 'custom')
    .map((i) => ({
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: i.message,
      code: i.code
    }));
}

/**
 * Whether `actor` may make this change, by their staff role. The one place received ops
 * meet the permission table (domain/permissions.ts `permits`, as local writes do).
 * An actor this device does not know (their staff row has not arrived) is not judged.
 */
export function authorCheck(staff: readonly StoredRow[]): FoldRules['mayAuthor'] {
  const roleOf = new Map<string, Role>();
  for (const s of staff)
    if (typeof s.role === 'string' && roleSet.has(s.role)) roleOf.set(s.id, s.role as Role);
  return (actor, table, fields, exists) => {
    const role = roleOf.get(actor);
    if (!role || !isTable(table)) return true;
    if (!fields) return permits(role, { table, op: 'update' });
    return permits(role, attemptOfRowOp(table, fields, exists));
  };
}

export function foldRules(
  version = SCHEMA_VERSION,
  mayAuthor: FoldRules['mayAuthor'] = () => true
): FoldRules {
  return { version, known: (t) => known.has(t), check: rowConflicts, mayAuthor };
}
