import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { encodeHlc } from './hlc';
import {
  applyRowOp,
  foldChunks,
  rowState,
  type OpChunk,
  type StoredRow,
  type VersionVector
} from './format';
import {
  compactionFrontier,
  coveredBy,
  decodeSnapshotPart,
  encodeSnapshotPart,
  mergeDocUpdates,
  mergeRow,
  SnapshotError,
  type SnapshotPart
} from './snapshot';

const DEVICES = ['d0', 'd1', 'd2'];
const ROWS = ['r0', 'r1', 'r2'];

type Write =
  | { k: 'set'; d: number; row: number; field: 'a' | 'b'; v: number }
  | { k: 'create'; d: number; row: number; v: number }
  | { k: 'delete'; d: number; row: number };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    k: fc.constant('set' as const),
    d: fc.nat(2),
    row: fc.nat(2),
    field: fc.constantFrom('a' as const, 'b' as const),
    v: fc.nat(9)
  }),
  fc.record({ k: fc.constant('create' as const), d: fc.nat(2), row: fc.nat(2), v: fc.nat(9) }),
  fc.record({ k: fc.constant('delete' as const), d: fc.nat(2), row: fc.nat(2) })
);

/**
 * The writes as each device's chunks: per device increasing seqs; clocks from a shuffled
 * wall (devices disagree about time) so later seqs of one device are not always newer
 * than another's. Creates write every field (a re-create with the same id after a delete).
 */
function chunksOf(writes: Write[], walls: number[]): OpChunk[] {
  const seqs = [0, 0, 0];
  return writes.map((w, i) => {
    const device = DEVICES[w.d];
    const seq = ++seqs[w.d];
    const f: Record<string, unknown> =
      w.k === 'set'
        ? { [w.field]: w.v }
        : w.k === 'create'
          ? { a: w.v, b: w.v + 1, deleted: false, note: `n${w.v}` }
          : { deleted: true };
    return {
      device,
      first: seq,
      last: seq,
      hlc: encodeHlc({ wall: walls[i % walls.length] + i, counter: 0, device }),
      actor: 's',
      sv: 1,
      ops: [{ k: 'row', t: 'item', r: ROWS[w.row], f }]
    };
  });
}

function state(rows: Map<string, StoredRow> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, row] of rows ?? []) out[id] = rowState(row);
  return out;
}

function foldInto(rows: Map<string, StoredRow>, chunks: OpChunk[]): void {
  for (const c of chunks)
    for (const op of c.ops)
      if (op.k === 'row') {
        const next = applyRowOp(rows.get(op.r), op.r, op.f, c.hlc);
        if (next) rows.set(op.r, next);
      }
}

describe('compaction: snapshot + tail == the whole log', () => {
  it('for any schedule, cut, arrival order and partly-synced joiner (deletes, re-creates)', () => {
    fc.assert(
      fc.property(
        fc.array(write, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 8 }),
        fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)),
        fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)),
        fc.integer(),
        (writes, walls, cutSeqs, heldSeqs, seed) => {
          const chunks = chunksOf(writes, walls);
          const whole = foldChunks(chunks).get('item');
          // The compacted range: every device holds each author's ops up to the cut.
          const frontier = compactionFrontier([
            Object.fromEntries(DEVICES.map((d, i) => [d, cutSeqs[i]])),
            Object.fromEntries(DEVICES.map((d, i) => [d, cutSeqs[i] + 1]))
          ]);
          const compacted = chunks.filter((c) => coveredBy(c, frontier));
          const tail = chunks.filter((c) => !coveredBy(c, frontier));
          const snapshot = foldChunks(compacted).get('item') ?? new Map<string, StoredRow>();
          // Through its wire form, as it travels.
          const part: SnapshotPart = {
            v: 1,
            office: 'o',
            sv: 1,
            part: 0,
            parts: 1,
            tables: { item: [...snapshot.values()] },
            docs: {},
            pending: []
          };
          const received = decodeSnapshotPart(encodeSnapshotPart(part), 'o');
          // A joiner may already hold some ops (a direct channel first): any prefix per device.
          const held = chunks.filter((c) => c.last <= heldSeqs[DEVICES.indexOf(c.device)]);
          const joiner = new Map<string, StoredRow>();
          foldInto(joiner, held);
          for (const row of received.tables.item) {
            const next = mergeRow(joiner.get(row.id), row);
            if (next) joiner.set(row.id, next);
          }
          const shuffled = [...tail].sort(
            (a, b) => ((a.last * 7919 + seed) % 13) - ((b.last * 7919 + seed) % 13)
          );
          foldInto(joiner, shuffled);
          expect(state(joiner)).toEqual(state(whole));
          // A second merge of the same snapshot changes nothing (idempotent).
          for (const row of received.tables.item)
            expect(mergeRow(joiner.get(row.id), row)).toBeUndefined();
        }
      ),
      { numRuns: 500 }
    );
  });

  it('a late op older than a compacted delete does not bring the row back; a re-create does', () => {
    const at = (wall: number, device: string) => encodeHlc({ wall, counter: 0, device });
    const chunk = (device: string, seq: number, wall: number, f: Record<string, unknown>) => ({
      device,
      first: seq,
      last: seq,
      hlc: at(wall, device),
      actor: 's',
      sv: 1,
      ops: [{ k: 'row' as const, t: 'item', r: 'r0', f }]
    });
    const created = chunk('d0', 1, 100, { a: 1, note: 'old', deleted: false });
    const deleted = chunk('d0', 2, 300, { deleted: true });
    const snapshot = foldChunks([created, deleted]).get('item')?.get('r0') as StoredRow;
    expect(snapshot.deleted).toBe(true); // the tombstone stays, whole
    const rows = new Map<string, StoredRow>();
    rows.set('r0', mergeRow(undefined, snapshot) as StoredRow);
    foldInto(rows, [chunk('d1', 1, 200, { a: 2, deleted: false })]); // older than the delete
    expect(rows.get('r0')?.deleted).toBe(true);
    foldInto(rows, [chunk('d1', 2, 400, { a: 3, deleted: false })]); // re-created after it
    expect(rows.get('r0')).toMatchObject({ deleted: false, a: 3, note: 'old' });
  });
});

describe('compaction frontier', () => {
  it('is the lowest seq every enrolled device holds; removed devices are left out by the caller', () => {
    const enrolled: VersionVector[] = [
      { a: 10, b: 4 },
      { a: 7, b: 9, c: 2 }
    ];
    expect(compactionFrontier(enrolled)).toEqual({ a: 7, b: 4 });
    // A removed device that stopped at a: 1 would hold everything back if counted.
    expect(compactionFrontier([...enrolled, { a: 1 }])).toEqual({ a: 1 });
  });

  it('a device that never reported holds everything back', () => {
    expect(compactionFrontier([{ a: 10 }, {}])).toEqual({});
  });
});

describe('documents', () => {
  it('merged updates give the same document as every update applied', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    for (let i = 0; i < 50; i++) text.insert(i % 3 === 0 ? 0 : text.length, `w${i} `);
    text.delete(0, 4);
    const merged = mergeDocUpdates(updates);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, merged);
    expect(fresh.getText('t').toString()).toBe(text.toString());
    expect(merged.length).toBeLessThan(updates.reduce((n, u) => n + u.length, 0));
  });
});

describe('snapshot parts are validated whole', () => {
  const part: SnapshotPart = {
    v: 1,
    office: 'o',
    sv: 1,
    part: 0,
    parts: 1,
    tables: { item: [{ id: 'r0', _c: encodeHlc({ wall: 1, counter: 0, device: 'd' }), a: 1 }] },
    docs: { 'shift/s1': new Uint8Array([1, 2, 3]) },
    pending: []
  };

  it('round-trips', () => {
    const back = decodeSnapshotPart(encodeSnapshotPart(part), 'o');
    expect(back.tables).toEqual(part.tables);
    expect(back.docs['shift/s1']).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('refuses another office, damaged JSON, rows without clocks, forged conflict flags', () => {
    const text = encodeSnapshotPart(part);
    expect(() => decodeSnapshotPart(text, 'other')).toThrow(SnapshotError);
    expect(() => decodeSnapshotPart(text.slice(0, -3), 'o')).toThrow(SnapshotError);
    const bad = (tables: unknown) =>
      decodeSnapshotPart(JSON.stringify({ ...JSON.parse(text), tables }), 'o');
    expect(() => bad({ item: [{ id: 'r0', a: 1 }] })).toThrow(SnapshotError);
    expect(() => bad({ item: [{ id: 'r0', _c: 'x', _x: [] }] })).toThrow(SnapshotError);
  });
});
