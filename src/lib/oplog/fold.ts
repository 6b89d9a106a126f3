import type { Hlc } from './hlc';
import {
  applyRowOp,
  fieldClock,
  withoutClocks,
  type OpChunk,
  type RowConflict,
  type StoredRow,
  type VersionVector
} from './format';

/**
 * The one fold of the op log (issue 12 "one commit road"): a local write and a batch
 * received from another device both become chunks that this folds over the stored rows —
 * deleted ones included, so a row re-created with the same id after a soft delete ends the
 * same on every device. Pure: lib/db reads the rows and stores the result in one
 * transaction; the property test (fold.property.test.ts) runs it on thousands of schedules.
 */

export type AuthorAction = 'create' | 'update' | 'delete';

/** What the fold needs to know of the records (lib/db supplies it from lib/domain). */
export interface FoldRules {
  /** The schema version this app runs: chunks of a newer one wait in the log. */
  version: number;
  /** Whether this version knows the table. */
  known(table: string): boolean;
  /** The cross-field rules the row breaks ([] when it keeps them). */
  check(table: string, row: Record<string, unknown>): RowConflict[];
  /**
   * Whether a received op's author may make this change (their role at the op's `hlc`); true
   * when unknown. `fields`: what the op writes (undefined for a document update); `exists`:
   * whether this device holds the row; `device`: the chunk's device (issue 21: a device
   * enrolled with a role ceiling, e.g. a company device, authors nothing beyond it).
   */
  mayAuthor(
    actor: string,
    table: string,
    fields: Readonly<Record<string, unknown>> | undefined,
    exists: boolean,
    hlc: Hlc,
    device?: string
  ): boolean;
  /**
   * Told of every row op the fold takes (local, or received and permitted), in HLC order,
   * whether or not last-writer-wins keeps a newer stored value: the role history is kept
   * from these (a role change that lost to a later one still held between the two).
   */
  took?(
    actor: string,
    hlc: Hlc,
    table: string,
    row: string,
    fields: Readonly<Record<string, unknown>>
  ): void;
  /**
   * A row op's fields as this version writes them (record migrations, migrate.ts): ops
   * written by an older version (`sv`) are migrated up before they are folded.
   */
  migrate?(table: string, sv: number, fields: Record<string, unknown>): Record<string, unknown>;
}

/** A received op kept in the log but not applied: its author's role may not make it. */
export interface Refusal {
  device: string;
  seq: number;
  actor: string;
  table: string;
  row: string;
  action: AuthorAction;
  hlc: string;
}

/** The rows of the tables a commit touches: `undefined` = known not to exist. */
export type RowsByTable = Map<string, Map<string, StoredRow | undefined>>;

export interface FoldResult {
  /** Ids of the rows that changed, by table (their new state is in the rows map). */
  changed: Map<string, Set<string>>;
  /** Collaborative-document updates for the doc inbox (received ones only). */
  docs: { doc: string; update: Uint8Array }[];
  /** Chunks of a newer schema: kept in the log, folded once this version knows them. */
  deferred: OpChunk[];
  refused: Refusal[];
}

/** A fold of nothing: what foldCommit starts from, and what mergeFold adds groups to. */
export const emptyFold = (): FoldResult => ({
  changed: new Map(),
  docs: [],
  deferred: [],
  refused: []
});

/** Chunks the log does not hold yet, trimmed to what is new, and the gaps that stop others. */
export function admitChunks(
  held: VersionVector,
  chunks: readonly OpChunk[]
): {
  fresh: OpChunk[];
  vv: VersionVector;
  gaps: { device: string; expected: number; got: number }[];
} {
  const vv = { ...held };
  const fresh: OpChunk[] = [];
  const gaps: { device: string; expected: number; got: number }[] = [];
  // Per device in sequence order, so a batch may arrive shuffled.
  const ordered = [...chunks].sort((a, b) =>
    a.device === b.device ? a.first - b.first : a.device < b.device ? -1 : 1
  );
  for (const chunk of ordered) {
    const have = vv[chunk.device] ?? 0;
    if (chunk.last <= have) continue; // already held: idempotent
    if (chunk.first > have + 1) {
      gaps.push({ device: chunk.device, expected: have + 1, got: chunk.first });
      continue;
    }
    // Keep only the ops not yet held (a resent chunk may overlap what we have).
    const tail =
      chunk.first <= have
        ? { ...chunk, first: have + 1, ops: chunk.ops.slice(have + 1 - chunk.first) }
        : chunk;
    fresh.push(tail);
    vv[chunk.device] = tail.last;
  }
  return { fresh, vv, gaps };
}

/** The tables whose rows a fold of these chunks may read and write. */
export function tablesOf(chunks: readonly OpChunk[], rules: Pick<FoldRules, 'known'>): Set<string> {
  const tables = new Set<string>();
  for (const chunk of chunks)
    for (const op of chunk.ops) if (op.k === 'row' && rules.known(op.t)) tables.add(op.t);
  return tables;
}

/** Whether a chunk must wait for a newer version of the app. */
export function isDeferred(chunk: OpChunk, rules: Pick<FoldRules, 'version' | 'known'>): boolean {
  return chunk.sv > rules.version || chunk.ops.some((op) => op.k === 'row' && !rules.known(op.t));
}

/**
 * Fold `chunks` into `rows` (mutated): field-level last-writer-wins by HLC, so the result
 * does not depend on the order chunks arrive in. `remote` chunks are checked against their
 * author's role, op by op; a local write was checked before it became a chunk. Rows that
 * changed are checked against their record's cross-field rules: a merge of two valid
 * edits may break one (start after end), and the row then carries the rule in `_x` — the
 * same row, and the same flag, on every device; an edit that fixes it clears it.
 */
export function foldCommit(
  rows: RowsByTable,
  chunks: readonly OpChunk[],
  rules: FoldRules,
  origin: 'local' | 'remote',
  /** Fold only the ops on these rows (a re-judgement of some rows from the whole log). */
  only?: (table: string, row: string) => boolean
): FoldResult {
  const result = emptyFold();
  for (const chunk of inHlcOrder(chunks)) {
    if (isDeferred(chunk, rules)) {
      result.deferred.push(chunk);
      continue;
    }
    chunk.ops.forEach((op, i) => {
      if (op.k === 'yjs') {
        const table = op.d.slice(0, op.d.indexOf('/'));
        if (only) return;
        if (
          origin === 'remote' &&
          !rules.mayAuthor(chunk.actor, table, undefined, true, chunk.hlc, chunk.device)
        )
          result.refused.push(refusal(chunk, i, table, op.d, 'update'));
        else if (origin === 'remote') result.docs.push({ doc: op.d, update: op.u });
        return;
      }
      if (only && !only(op.t, op.r)) return;
      let table = rows.get(op.t);
      if (!table) rows.set(op.t, (table = new Map()));
      const stored = table.get(op.r);
      const fields =
        rules.migrate && chunk.sv < rules.version ? rules.migrate(op.t, chunk.sv, op.f) : op.f;
      if (origin === 'remote') {
        const action: AuthorAction = !stored
          ? 'create'
          : fields.deleted === true
            ? 'delete'
            : 'update';
        if (
          !rules.mayAuthor(chunk.actor, op.t, fields, stored !== undefined, chunk.hlc, chunk.device)
        ) {
          result.refused.push(refusal(chunk, i, op.t, op.r, action));
          return;
        }
      }
      rules.took?.(chunk.actor, chunk.hlc, op.t, op.r, fields);
      const next = applyRowOp(stored, op.r, fields, chunk.hlc);
      if (!next) return;
      table.set(op.r, next);
      let ids = result.changed.get(op.t);
      if (!ids) result.changed.set(op.t, (ids = new Set()));
      ids.add(op.r);
    });
  }
  for (const [table, ids] of result.changed) {
    const byId = rows.get(table);
    for (const id of ids) {
      const row = byId?.get(id);
      if (!row) continue;
      // A row written by one op was checked by its author; only a row whose fields come from
      // several writes can break a rule each of them kept (and checking every row would slow
      // a catch-up down). Decided by the fields' clocks, which every device agrees on.
      const issues = mergedConflicts(table, row, rules.check);
      if (issues.length) row._x = issues;
      else if (row._x) delete row._x;
    }
  }
  return result;
}

const inHlcOrder = (chunks: readonly OpChunk[]): OpChunk[] =>
  [...chunks].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));

/**
 * `chunks` in HLC order, cut into groups of about `ops` ops (a chunk is never cut): folding
 * the groups one after the other, into the same rows and rules, is folding them all at once.
 */
export function foldGroups(chunks: readonly OpChunk[], ops: number): OpChunk[][] {
  const groups: OpChunk[][] = [];
  let group: OpChunk[] = [];
  let size = 0;
  for (const chunk of inHlcOrder(chunks)) {
    group.push(chunk);
    size += chunk.ops.length;
    if (size >= ops) {
      groups.push(group);
      group = [];
      size = 0;
    }
  }
  if (group.length) groups.push(group);
  return groups;
}

/** Add the fold of a later group (foldGroups) to the fold so far. */
export function mergeFold(into: FoldResult, part: FoldResult): void {
  for (const [table, ids] of part.changed) {
    const held = into.changed.get(table);
    if (held) for (const id of ids) held.add(id);
    else into.changed.set(table, ids);
  }
  into.docs.push(...part.docs);
  into.deferred.push(...part.deferred);
  into.refused.push(...part.refused);
}

/** The rules a stored row breaks, checked only where a merge could break one (see above). */
export function mergedConflicts(
  table: string,
  row: StoredRow,
  check: FoldRules['check']
): RowConflict[] {
  return row.deleted === true || oneClock(row) ? [] : check(table, withoutClocks(row));
}

/**
 * Set or clear the row's `_x` (mutated) from its record's cross-field rules, as the fold
 * does; used when a snapshot is merged in (db/compact.ts).
 */
export function flagConflicts(
  table: string,
  row: StoredRow,
  rules: Pick<FoldRules, 'check'>
): void {
  const issues = mergedConflicts(table, row, rules.check);
  if (issues.length) row._x = issues;
  else if (row._x) delete row._x;
}

/** Whether every field of the row was written by the same op (one clock). */
function oneClock(row: StoredRow): boolean {
  if (!row._cf) return true;
  let clock: string | undefined;
  for (const field of Object.keys(row)) {
    if (field === 'id' || field === '_c' || field === '_cf' || field === '_x') continue;
    const c = fieldClock(row, field);
    if (clock === undefined) clock = c;
    else if (c !== clock) return false;
  }
  return true;
}

function refusal(
  chunk: OpChunk,
  i: number,
  table: string,
  row: string,
  action: AuthorAction
): Refusal {
  return {
    device: chunk.device,
    seq: chunk.first + i,
    actor: chunk.actor,
    table,
    row,
    action,
    hlc: chunk.hlc
  };
}
