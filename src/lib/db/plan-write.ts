import type { z } from 'zod';
import { withoutClocks, type RowOp, type StoredRow } from '$lib/oplog/format';
import { permits } from '$lib/domain/permissions';
import type { Role, WriteAction } from '$lib/domain/roles';
import { tableSchemas, type NewRow, type RowPatch, type TableName } from '$lib/domain/tables';
import { newId } from './ids';
import { WriteError, issueDetails, type WriteIssue } from './write-error';

/**
 * What a write turns its changes into, without storage: the role check, validation and the
 * row ops. Pure, so that write.ts and the convergence property test
 * (lib/oplog/fold.property.test.ts) plan a write the same way.
 */

export type Change<T extends TableName = TableName> = {
  [K in T]:
    | { op: 'create'; table: K; value: NewRow<K> }
    | { op: 'update'; table: K; id: string; patch: RowPatch<K> }
    | { op: 'delete'; table: K; id: string };
}[T];

const actionOf = { create: 'create', update: 'update', delete: 'delete' } as const satisfies Record<
  Change['op'],
  WriteAction
>;

function issuesOf(change: number, issues: z.ZodError | readonly z.core.$ZodIssue[]): WriteIssue[] {
  return ('issues' in issues ? issues.issues : issues).map((i) => ({
    change,
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
    code: i.code,
    ...issueDetails(i)
  }));
}

/** Throws `forbidden` unless the role may make every change (domain/permissions.ts). */
export function checkRoles(role: Role, changes: readonly Change[]): void {
  const forbidden = changes.flatMap((c, i) =>
    permits(role, {
      table: c.table,
      op: actionOf[c.op],
      fields: c.op === 'create' ? c.value : c.op === 'update' ? c.patch : undefined
    })
      ? []
      : [{ change: i, path: [], message: 'write.forbidden', code: 'forbidden' }]
  );
  if (forbidden.length) throw new WriteError('forbidden', forbidden);
}

/** The ids of the changed rows and every created row, validated (throws `invalid`). */
export function prepareCreates(
  changes: readonly Change[],
  now: number
): { ids: string[]; created: Map<number, Record<string, unknown>> } {
  const ids = changes.map((c) => (c.op === 'create' ? (c.value.id ?? newId(now)) : c.id));
  const created = new Map<number, Record<string, unknown>>();
  const invalid: WriteIssue[] = [];
  changes.forEach((c, i) => {
    if (c.op !== 'create') return;
    const row = {
      ...c.value,
      id: ids[i],
      createdAt: now,
      updatedAt: now,
      deleted: false
    };
    const parsed = tableSchemas[c.table].safeParse(row);
    if (parsed.success) created.set(i, parsed.data as Record<string, unknown>);
    else invalid.push(...issuesOf(i, parsed.error));
  });
  if (invalid.length) throw new WriteError('invalid', invalid);
  return { ids, created };
}

/**
 * The row ops of a write over the stored rows it builds on (`existing`, keyed `table/id`,
 * deleted ones included). Throws `notFound` or `invalid`, and then nothing is written.
 */
export function planOps(
  changes: readonly Change[],
  ids: readonly string[],
  created: ReadonlyMap<number, Record<string, unknown>>,
  existing: ReadonlyMap<string, StoredRow>,
  now: number
): RowOp[] {
  // One op per row: a write that touches a row twice merges into one op, because all
  // ops of a write share one HLC and LWW would otherwise drop the second.
  const ops = new Map<string, RowOp>();
  const problems: WriteIssue[] = [];
  changes.forEach((c, i) => {
    const fields = created.get(i);
    if (c.op === 'create') {
      if (!fields) return; // unreachable: every create was validated
      ops.set(`${c.table}/${ids[i]}`, { k: 'row', t: c.table, r: ids[i], f: fields });
      return;
    }
    const key = `${c.table}/${c.id}`;
    const stored = existing.get(key);
    const pending = ops.get(key);
    if ((!stored || stored.deleted) && !pending) {
      problems.push({ change: i, path: [], message: 'write.notFound', code: 'notFound' });
      return;
    }
    const patch: Record<string, unknown> =
      c.op === 'delete' ? { deleted: true, updatedAt: now } : { ...c.patch, updatedAt: now };
    delete patch.id;
    delete patch.createdAt;
    // The whole record must stay valid, but only the fields that changed become ops:
    // fields this version of the app does not know (from a newer one) are kept as they are.
    const before = { ...(stored ? withoutClocks(stored) : {}), ...pending?.f };
    const parsed = tableSchemas[c.table].safeParse({ ...before, ...patch });
    // A rule the row already broke (two devices' edits merged: "两台设备的修改冲突") does
    // not block an edit that leaves it as it was; only what this edit breaks is refused.
    const broken = parsed.success ? [] : newIssues(c.table, before, parsed.error);
    if (broken.length) problems.push(...issuesOf(i, broken));
    else ops.set(key, { k: 'row', t: c.table, r: c.id, f: { ...pending?.f, ...patch } });
  });
  if (problems.length) {
    const notFound = problems.every((p) => p.code === 'notFound');
    throw new WriteError(notFound ? 'notFound' : 'invalid', problems);
  }
  return [...ops.values()];
}

/** The issues of `error` that the row `before` the edit did not have already. */
function newIssues(table: TableName, before: Record<string, unknown>, error: z.ZodError) {
  const had = tableSchemas[table].safeParse(before);
  if (had.success) return error.issues;
  const key = (i: z.core.$ZodIssue) => `${i.path.map(String).join('.')}|${i.message}`;
  const old = new Set(had.error.issues.map(key));
  return error.issues.filter((i) => !old.has(key(i)));
}
