import { z } from 'zod';
import * as Y from 'yjs';
import { HLC_ZERO, type Hlc } from './hlc';
import { fieldClock, type OpChunk, type StoredRow, type VersionVector } from './format';

/**
 * Compaction of the op log (issue 12 §5, DESIGN.md "Records and sync"). The stored rows
 * with their field clocks are a state-based form of the log: merging two of them field by
 * field (the newer clock wins) gives what folding both logs would give, in any order, any
 * number of times. So a range of the log that every enrolled device holds can be dropped
 * from the log — the rows already hold its effect — and a new device can start from a
 * snapshot (the rows, their clocks, the collaborative documents merged into one update per
 * document) and fold the tail on top: the same rows as the device that saw every op.
 *
 * Deletions are soft (`deleted: true` with its clock), and a deleted row stays in the table
 * and in every snapshot for good, whole: a late op older than the delete loses against the
 * `deleted` field's clock, a re-create (newer clock) wins, and the fields a re-create does
 * not write keep their old values on every device alike. A tombstone stripped of its fields
 * would make a re-created row differ between a device that joined from the snapshot and one
 * that saw the history, so tombstones are not stripped; they cost their row's bytes only.
 */

/** A snapshot covers every op at or below `vv`; it may hold later ones too (harmless: LWW). */
export interface Snapshot {
  v: 1;
  office: string;
  vv: VersionVector;
  /** The builder's clock: a device starting from it never hands out a smaller one. */
  hlc: Hlc;
  /** Schema version of the builder: a device running an older one replays ops instead. */
  sv: number;
  /** Rows with their field clocks, by table; `_x` is left out (each device derives it). */
  tables: Record<string, StoredRow[]>;
  /** Collaborative documents: each one's updates merged into one (Y.mergeUpdates). */
  docs: Record<string, Uint8Array>;
  /** Chunks kept for a newer app version (not folded yet): carried as they are. */
  pending: OpChunk[];
}

/**
 * The builder's history of staff roles (db/commit-rules.ts RoleLog): the joiner judges the
 * tail's ops by the role their author had at their HLC, as the builder did.
 */
export interface SnapshotRoles {
  at: Record<string, [string, string][]>;
  last: Record<string, string>;
}

/** The part of a snapshot that travels as one piece (hot tables first; see db/compact.ts). */
export type SnapshotPart = Omit<Snapshot, 'vv' | 'hlc'> & {
  part: number;
  parts: number;
  roles?: SnapshotRoles;
};

/** Whether merging `incoming` into `stored` changes it, and the merged row (field-wise LWW). */
export function mergeRow(
  stored: StoredRow | undefined,
  incoming: StoredRow
): StoredRow | undefined {
  if (!stored) return strip(incoming);
  let next: StoredRow | undefined;
  for (const field of Object.keys(incoming)) {
    if (field === 'id' || field === '_c' || field === '_cf' || field === '_x') continue;
    const clock = fieldClock(incoming, field);
    if (clock <= fieldClock(stored, field)) continue;
    next ??= { ...stored, _cf: { ...stored._cf } };
    next[field] = incoming[field];
    (next._cf as Record<string, Hlc>)[field] = clock;
  }
  return next;
}

function strip(row: StoredRow): StoredRow {
  const { _x, ...rest } = row;
  void _x;
  return rest as StoredRow;
}

/**
 * How far the log may be compacted: per author device, the lowest seq that every enrolled
 * device reports holding. `vectors` are the enrolled devices' last reports (this device's
 * own vector among them); a removed device is left out by the caller and holds nothing back.
 * A device with no report yet (just paired) holds everything back: it may still need the log.
 */
export function compactionFrontier(vectors: readonly VersionVector[]): VersionVector {
  if (!vectors.length) return {};
  const frontier: VersionVector = {};
  const authors = new Set(vectors.flatMap((v) => Object.keys(v)));
  for (const author of authors) {
    const low = Math.min(...vectors.map((v) => v[author] ?? 0));
    if (low > 0) frontier[author] = low;
  }
  return frontier;
}

/** Chunks wholly at or below the frontier (what compaction drops from the log). */
export function coveredBy(
  chunk: Pick<OpChunk, 'device' | 'last'>,
  frontier: VersionVector
): boolean {
  return chunk.last <= (frontier[chunk.device] ?? 0);
}

/** Merge Yjs updates into one (compaction of a document's history). */
export function mergeDocUpdates(updates: readonly Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0] : Y.mergeUpdates([...updates]);
}

/** Componentwise maximum of two vectors. */
export function maxVector(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [device, seq] of Object.entries(b)) out[device] = Math.max(out[device] ?? 0, seq);
  return out;
}

// ---- encoding: JSON with byte arrays as base64, validated whole before anything is stored ----

const hlc = z.string().max(80);
const deviceId = z.string().min(1).max(64);
const seq = z.number().int().nonnegative();
const bytesSchema = z.object({ $b: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) });
const rowSchema = z
  .object({
    id: z.string().min(1).max(200),
    _c: hlc,
    _cf: z.record(z.string(), hlc).optional()
  })
  .catchall(z.unknown())
  .refine((row) => !('_x' in row), 'a snapshot row carries no conflict flag');
const opSchema = z.union([
  z.object({
    k: z.literal('row'),
    t: z.string().min(1).max(64),
    r: z.string().min(1).max(200),
    f: z.record(z.string(), z.unknown())
  }),
  z.object({ k: z.literal('yjs'), d: z.string().min(1).max(300), u: bytesSchema })
]);
const chunkSchema = z.object({
  device: deviceId,
  first: seq,
  last: seq,
  hlc,
  actor: z.string().max(64),
  sv: seq,
  ops: z.array(opSchema)
});
const partSchema = z.object({
  v: z.literal(1),
  office: z.string().min(1).max(64),
  sv: seq,
  part: seq,
  parts: z.number().int().min(1).max(64),
  tables: z.record(z.string().min(1).max(64), z.array(rowSchema)),
  docs: z.record(z.string().min(1).max(300), bytesSchema),
  pending: z.array(chunkSchema),
  roles: z
    .object({
      at: z.record(z.string().max(64), z.array(z.tuple([hlc, z.string().max(32)]))),
      last: z.record(z.string().max(64), hlc)
    })
    .optional()
});

export class SnapshotError extends Error {}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A snapshot part as JSON text (byte arrays as `{$b: base64}`). */
export function encodeSnapshotPart(part: SnapshotPart): string {
  return JSON.stringify(part, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $b: toBase64(value) } : value
  );
}

/**
 * Parse and validate a snapshot part whole. Throws SnapshotError on anything malformed, so a
 * damaged or foreign part is refused before a single row is stored.
 */
export function decodeSnapshotPart(text: string, office: string): SnapshotPart {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_key, value: unknown) =>
      value && typeof value === 'object' && '$b' in value && typeof value.$b === 'string'
        ? { $b: value.$b }
        : value
    );
  } catch {
    throw new SnapshotError('snapshot is not JSON');
  }
  const parsed = partSchema.safeParse(raw);
  if (!parsed.success) throw new SnapshotError(`snapshot malformed: ${parsed.error.message}`);
  const p = parsed.data;
  if (p.office !== office) throw new SnapshotError('snapshot of another office');
  for (const [table, rows] of Object.entries(p.tables))
    for (const row of rows)
      for (const [field, value] of Object.entries(row))
        if (value && typeof value === 'object' && '$b' in value)
          throw new SnapshotError(`snapshot row ${table}/${row.id} holds bytes in ${field}`);
  const docs: Record<string, Uint8Array> = {};
  for (const [doc, b] of Object.entries(p.docs)) docs[doc] = fromBase64(b.$b);
  return {
    ...p,
    tables: p.tables as Record<string, StoredRow[]>,
    docs,
    pending: p.pending.map((c) => ({
      ...c,
      ops: c.ops.map((op) =>
        op.k === 'yjs' ? { k: 'yjs' as const, d: op.d, u: fromBase64(op.u.$b) } : op
      )
    }))
  };
}

export { HLC_ZERO };
