import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeHlc } from './hlc';
import type { OpChunk } from './format';
import {
  emptyFold,
  foldCommit,
  foldGroups,
  mergeFold,
  type FoldRules,
  type RowsByTable
} from './fold';

/**
 * commit.ts folds a large apply a group at a time, storing one group's rows while it folds
 * the next: that must be the fold of all the chunks at once, whatever the cut.
 */
const rules = (): FoldRules => ({
  version: 1,
  known: () => true,
  // A cross-field rule, so that merged rows are flagged (_x) the same way by both roads.
  check: (_table, row) =>
    typeof row.startsAt === 'number' && typeof row.endsAt === 'number' && row.startsAt > row.endsAt
      ? [{ path: ['endsAt'], message: 'endBeforeStart', code: 'custom' }]
      : [],
  // Staff "s2" may not delete: a refusal must come out of both roads alike.
  mayAuthor: (actor, _table, fields) => !(actor === 's2' && fields?.deleted === true),
  // Chunks of version 2 wait in the log.
  migrate: (_table, _sv, fields) => fields
});

const op = fc.record({
  r: fc.constantFrom('a', 'b', 'c'),
  f: fc.oneof(
    fc.record({ startsAt: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ endsAt: fc.integer({ min: 0, max: 9 }) }),
    fc.record({ title: fc.string({ maxLength: 3 }) }),
    fc.constant({ deleted: true }),
    fc.constant({ deleted: false, title: 'again' })
  )
});
const chunk = fc.record({
  wall: fc.integer({ min: 1, max: 50 }),
  device: fc.constantFrom('d1', 'd2', 'd3'),
  actor: fc.constantFrom('s1', 's2'),
  sv: fc.constantFrom(1, 1, 1, 2),
  ops: fc.array(op, { minLength: 1, maxLength: 4 })
});

interface ChunkSpec {
  wall: number;
  device: string;
  actor: string;
  sv: number;
  ops: { r: string; f: Record<string, unknown> }[];
}

function chunksOf(list: ChunkSpec[]): OpChunk[] {
  const seq = new Map<string, number>();
  return list.map((c, i) => {
    const first = (seq.get(c.device) ?? 0) + 1;
    seq.set(c.device, first + c.ops.length - 1);
    return {
      device: c.device,
      first,
      last: first + c.ops.length - 1,
      hlc: encodeHlc({ wall: c.wall, counter: i, device: c.device }),
      actor: c.actor,
      sv: c.sv,
      ops: c.ops.map((o) => ({ k: 'row' as const, t: 'incident', r: o.r, f: o.f }))
    };
  });
}

describe('folding a commit a group at a time', () => {
  it('gives the rows, changes, refusals and waiting chunks of one fold (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        (list, groupOps) => {
          const chunks = chunksOf(list);
          const whole: RowsByTable = new Map();
          const once = foldCommit(whole, chunks, rules(), 'remote');
          const grouped: RowsByTable = new Map();
          const folded = emptyFold();
          const groupRules = rules();
          const groups = foldGroups(chunks, groupOps);
          expect(groups.flat()).toHaveLength(chunks.length);
          for (const group of groups)
            mergeFold(folded, foldCommit(grouped, group, groupRules, 'remote'));
          expect(grouped).toEqual(whole);
          expect(folded.changed).toEqual(once.changed);
          expect(folded.refused).toEqual(once.refused);
          expect(folded.deferred).toEqual(once.deferred);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('cuts between chunks, in HLC order, at about the ops asked', () => {
    const chunks = chunksOf([
      { wall: 3, device: 'd1', actor: 's1', sv: 1, ops: [{ r: 'a', f: { title: 'x' } }] },
      {
        wall: 1,
        device: 'd2',
        actor: 's1',
        sv: 1,
        ops: [
          { r: 'b', f: { title: 'y' } },
          { r: 'c', f: { title: 'z' } }
        ]
      },
      { wall: 2, device: 'd3', actor: 's1', sv: 1, ops: [{ r: 'a', f: { title: 'w' } }] }
    ]);
    const groups = foldGroups(chunks, 2);
    expect(groups.map((g) => g.map((c) => c.device))).toEqual([['d2'], ['d3', 'd1']]);
  });
});
