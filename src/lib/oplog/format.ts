import { HLC_ZERO, type Hlc } from './hlc';

/**
 * The op log (DESIGN.md "Records and sync"). A write becomes field-level operations
 * `(hlc, device, table, row, field, value)`. To keep IndexedDB cheap (its cost is per
 * transaction and per record, not per byte) the ops of one write are stored together in
 * one `OpChunk`: they share the write's HLC, device and actor, and carry consecutive
 * per-device sequence numbers `first..last`. A `RowOp` sets several fields of one row,
 * which is the same as one field op per field with the same HLC.
 */
export const SCHEMA_VERSION = 1;

/**
 * Fields the log keeps beside a record's own: its clocks (`_c`, `_cf`) and `_x`, the rules
 * the merged row breaks (see RowConflict). Never set by an op: a received op naming one is
 * ignored for that field.
 */
const RESERVED = new Set(['id', '_c', '_cf', '_x']);

/**
 * A cross-field rule the merged row breaks (an incident's start after its end, from two
 * devices' edits): derived from the row alone, so every device flags the same rows.
 */
export interface RowConflict {
  path: (string | number)[];
  message: string;
  code: string;
}

export interface RowOp {
  k: 'row';
  /** Table name. A string, not TableName: ops of a newer app version are kept, not lost. */
  t: string;
  /** Row id. */
  r: string;
  /** The fields set by this op. */
  f: Record<string, unknown>;
}

/** A Yjs document update (collaborative text): commutes, so it needs no clock to merge. */
export interface YjsOp {
  k: 'yjs';
  d: string;
  u: Uint8Array;
}

export type Op = RowOp | YjsOp;

export interface OpChunk {
  device: string;
  /** Sequence number of the first op; op i has seq `first + i`. */
  first: number;
  last: number;
  hlc: Hlc;
  /** Staff id who made the change: the op log is the audit trail. */
  actor: string;
  /** Schema version of the app that wrote it. */
  sv: number;
  ops: Op[];
}

/** Device id → highest sequence number held. What two peers compare to find what is missing. */
export type VersionVector = Record<string, number>;

/**
 * A stored row: its fields plus their clocks. `_c` is the clock of every field present
 * in the row unless `_cf` names a newer one; a field absent from the row has never been
 * written and its clock is HLC_ZERO. Creating a row costs one clock, not one per field.
 */
export type StoredRow = {
  id: string;
  _c: Hlc;
  _cf?: Record<string, Hlc>;
  _x?: RowConflict[];
} & Record<string, unknown>;

/**
 * The row as it stood before `from`: only the fields whose clock is older (commit.ts
 * settleAuthors folds the ops from `from` on again over it, judged anew). Undefined when the
 * row was created at or after `from` (then the log holds all of it).
 */
export function rowBefore(row: StoredRow, from: Hlc): StoredRow | undefined {
  if (row._c >= from) return undefined;
  const base: StoredRow = { id: row.id, _c: row._c };
  const clocks: Record<string, Hlc> = {};
  for (const field of Object.keys(row)) {
    if (RESERVED.has(field)) continue;
    const clock = fieldClock(row, field);
    if (clock >= from) continue;
    base[field] = row[field];
    if (row._cf?.[field] !== undefined) clocks[field] = clock;
  }
  if (Object.keys(clocks).length) base._cf = clocks;
  return base;
}

export function fieldClock(row: StoredRow, field: string): Hlc {
  return row._cf?.[field] ?? (field in row ? row._c : HLC_ZERO);
}

/**
 * Last-writer-wins per field: apply `fields` written at `hlc` to `row`. Returns the new
 * row, or undefined when every field already holds a newer (or the same) write — so
 * applying an op twice, or an old op late, changes nothing (idempotent, any order).
 */
export function applyRowOp(
  row: StoredRow | undefined,
  id: string,
  fields: Record<string, unknown>,
  hlc: Hlc
): StoredRow | undefined {
  if (!row) {
    const created: StoredRow = { id, _c: hlc };
    for (const [field, value] of Object.entries(fields))
      if (!RESERVED.has(field)) created[field] = value;
    return created;
  }
  let next: StoredRow | undefined;
  const clocks: Record<string, Hlc> = { ...row._cf };
  for (const [field, value] of Object.entries(fields)) {
    if (RESERVED.has(field) || hlc <= fieldClock(row, field)) continue;
    next ??= { ...row, _cf: clocks };
    next[field] = value;
    clocks[field] = hlc;
  }
  return next;
}

/** The rows that a sequence of chunks produces: the fold that the tables must equal. */
export function foldChunks(chunks: Iterable<OpChunk>): Map<string, Map<string, StoredRow>> {
  const tables = new Map<string, Map<string, StoredRow>>();
  for (const chunk of chunks) {
    for (const op of chunk.ops) {
      if (op.k !== 'row') continue;
      let rows = tables.get(op.t);
      if (!rows) tables.set(op.t, (rows = new Map()));
      const next = applyRowOp(rows.get(op.r), op.r, op.f, chunk.hlc);
      if (next) rows.set(op.r, next);
    }
  }
  return tables;
}

/** The record as the app sees it: the stored row without its clocks. */
export function withoutClocks<T extends { id: string }>(
  row: T
): Omit<T, '_c' | '_cf' | '_x'> & { id: string } {
  const { _c, _cf, _x, ...fields } = row as T & Pick<StoredRow, '_c' | '_cf' | '_x'>;
  void _c;
  void _cf;
  void _x;
  return fields;
}

/**
 * A row as its fields and the clock of each field: two devices agree on a row when this
 * is equal, whatever order the ops arrived in (`_c`/`_cf` may split the clocks differently).
 */
export function rowState(row: StoredRow): {
  fields: Record<string, unknown>;
  clocks: Record<string, Hlc>;
} {
  const fields = withoutClocks(row);
  const clocks: Record<string, Hlc> = {};
  for (const field of Object.keys(fields))
    if (field !== 'id') clocks[field] = fieldClock(row, field);
  return { fields, clocks };
}
