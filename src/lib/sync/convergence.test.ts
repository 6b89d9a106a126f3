import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChunks, rowState, type OpChunk, type StoredRow } from '$lib/oplog/format';
import type { GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { write, type Actor } from '$lib/db/write';
import { memoryLink, type MemoryLink } from './memory-transport';
import { runPeerSession } from './peer-session';
import { testOffice, type TestDevice } from './test-office';

/**
 * Issue #4 "Must show": 3–5 devices, random writes to the same and different fields of
 * shared records, random partitions, duplicated, reordered and dropped-then-resent
 * frames → every device ends in the identical state and holds every acknowledged write.
 */
const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const rowIds = ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002'];
const fields = ['name', 'notes', 'preferences'] as const;

type Command =
  | { k: 'write'; device: number; row: number; field: (typeof fields)[number]; value: string }
  | { k: 'connect'; a: number; b: number }
  | { k: 'disconnect'; a: number; b: number }
  | { k: 'net'; link: number; side: 0 | 1; action: 'deliver' | 'dup' | 'reorder' | 'drop' };

const command = (devices: number): fc.Arbitrary<Command> => {
  const device = fc.integer({ min: 0, max: devices - 1 });
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constant('write' as const),
        device,
        row: fc.integer({ min: 0, max: rowIds.length - 1 }),
        field: fc.constantFrom(...fields),
        value: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0)
      })
    },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant('connect' as const), a: device, b: device })
    },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant('disconnect' as const), a: device, b: device })
    },
    {
      weight: 6,
      arbitrary: fc.record({
        k: fc.constant('net' as const),
        link: fc.nat(),
        side: fc.constantFrom(0 as const, 1 as const),
        action: fc.constantFrom(
          'deliver' as const,
          'dup' as const,
          'reorder' as const,
          'drop' as const
        )
      })
    }
  );
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

interface Link {
  a: number;
  b: number;
  link: MemoryLink;
  dropped: [0 | 1, Uint8Array][];
  done: Promise<void>[];
}

function connect(devices: TestDevice[], a: number, b: number, manual: boolean): Link {
  const link = memoryLink({ manual, maxFrameBytes: 8 * 1024 }); // small: several batches per sync
  const sa = runPeerSession(devices[a].engine, link.ends[0]);
  const sb = runPeerSession(devices[b].engine, link.ends[1]);
  return { a, b, link, dropped: [], done: [sa.done, sb.done] };
}

async function tableStates(db: GuanjiaDexie) {
  const rows = await db.person.toArray();
  return rows.map(rowState).sort((x, y) => String(x.fields.id).localeCompare(String(y.fields.id)));
}

async function run(count: number, commands: Command[]): Promise<void> {
  const devices = await testOffice(count);
  const links: Link[] = [];
  const acknowledged = new Map<string, number>(); // device → highest seq a write returned
  for (const c of commands) {
    if (c.k === 'write') {
      const d = devices[c.device];
      const id = rowIds[c.row];
      const exists = await d.db.person.get(id);
      await write(
        desk,
        exists
          ? [{ op: 'update', table: 'person', id, patch: { [c.field]: c.value } }]
          : [{ op: 'create', table: 'person', value: { id, name: c.value, phones: [] } }],
        { db: d.db }
      );
      const state = await syncState(d.db);
      acknowledged.set(state.device, state.vv[state.device]);
    } else if (c.k === 'connect') {
      if (c.a !== c.b && !links.some((l) => l.a === c.a && l.b === c.b))
        links.push(connect(devices, c.a, c.b, true));
    } else if (c.k === 'disconnect') {
      const i = links.findIndex((l) => l.a === c.a && l.b === c.b);
      if (i >= 0) {
        links[i].link.close();
        links.splice(i, 1);
      }
    } else if (links.length) {
      const l = links[c.link % links.length];
      const queue = l.link.queue(c.side);
      if (!queue.length) continue;
      if (c.action === 'deliver') l.link.deliver(c.side);
      else if (c.action === 'dup') l.link.deliver(c.side, 0, true);
      else if (c.action === 'reorder') l.link.deliver(c.side, queue.length - 1);
      else l.dropped.push([c.side, queue.shift() as Uint8Array]);
    }
    await tick();
  }
  // Dropped frames are resent late, then the partitions heal: every pair reconnects.
  for (const l of links) {
    for (const [side, frame] of l.dropped) {
      l.link.queue(side).push(frame);
      l.link.deliver(side, l.link.queue(side).length - 1);
    }
    while (l.link.queue(0).length || l.link.queue(1).length) {
      l.link.deliver(0);
      l.link.deliver(1);
      await tick();
    }
    l.link.close();
  }
  await Promise.all(links.flatMap((l) => l.done));
  const healed: Link[] = [];
  for (let i = 1; i < count; i++) healed.push(connect(devices, i - 1, i, false));

  const deadline = Date.now() + 5_000;
  for (;;) {
    // A device's own entry starts at 0 before it writes: the same as absent.
    const vectors = await Promise.all(
      devices.map(async (d) =>
        Object.fromEntries(Object.entries((await syncState(d.db)).vv).filter(([, n]) => n > 0))
      )
    );
    const states = await Promise.all(devices.map((d) => tableStates(d.db)));
    const same =
      vectors.every((v) => isDeepStrictEqual(v, vectors[0])) &&
      states.every((s) => isDeepStrictEqual(s, states[0]));
    if (same) break;
    if (Date.now() > deadline) {
      expect(vectors).toEqual(vectors.map(() => vectors[0]));
      expect(states).toEqual(states.map(() => states[0]));
      throw new Error('devices did not converge');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (const l of healed) l.link.close();

  // Every acknowledged write is on every device, and the rows are the fold of all ops.
  const all: OpChunk[] = [];
  for (const d of devices) {
    const { vv } = await syncState(d.db);
    for (const [device, seq] of acknowledged) expect(vv[device] ?? 0).toBeGreaterThanOrEqual(seq);
    all.push(...(await d.db.oplog.where('device').equals(d.keys.device).toArray()));
  }
  const expected = [...(foldChunks(all).get('person') ?? new Map<string, StoredRow>()).values()]
    .map(rowState)
    .sort((x, y) => String(x.fields.id).localeCompare(String(y.fields.id)));
  for (const d of devices) expect(await tableStates(d.db)).toEqual(expected);
}

describe('devices syncing over a faulty network', () => {
  it('all end in the identical state with every acknowledged write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 3, max: 5 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(command(n), { minLength: 10, maxLength: 60 }))
          ),
        async ([n, commands]) => run(n, commands)
      ),
      { numRuns: 20 }
    );
  }, 180_000);
});
