import { describe, expect, it } from 'vitest';
import { encodeHlc, hlcTime } from '$lib/oplog/hlc';
import { rowState, type OpChunk } from '$lib/oplog/format';
import { applyRemoteChunks, chunksSince } from './apply-remote';
import { applyDeferred } from './commit';
import type { GuanjiaDexie } from './database';
import { syncState } from './sync-state';
import { indexRowOf, indexRowsOf, testDatabase } from './test-db';
import { write, type Actor } from './write';
import { recordIntake, recordStep } from './actions/tickets';
import { ticketIndexBehind } from './actions/tickets-index';
import { rebuildDeferred } from './derived';

/**
 * Issue 12: each fault of the old core as a test that failed on it. Two fake-indexeddb
 * databases are two devices; `exchange` is what a sync session does.
 */
const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const manager: Actor = { staffId: 'M1', role: 'manager' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const MIN = 60_000;

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie, now = T0) {
  const theirs = (await syncState(to)).vv;
  return applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to, now });
}

async function states(db: GuanjiaDexie, table: 'person' | 'incident') {
  return (await db[table].toArray()).map((r) => ({ ...rowState(r), conflicts: r._x }));
}

describe('one fold for local writes and received chunks', () => {
  it('a row re-created with the same id after a soft delete ends the same on both devices', async () => {
    const a = testDatabase();
    const b = testDatabase();
    const id = '0190a000-0000-7000-8000-00000000000a';
    const create = (name: string, notes?: string) =>
      write(
        desk,
        [
          {
            op: 'create',
            table: 'person',
            value: { id, name, phones: [], ...(notes ? { notes } : {}) }
          }
        ],
        { db: a, now: T0 }
      );
    await create('张三', '旧备注');
    await write(manager, [{ op: 'delete', table: 'person', id }], { db: a, now: T0 + 1 });
    await create('张三');
    await exchange(a, b);
    expect(await states(b, 'person')).toEqual(await states(a, 'person'));
    expect((await a.person.get(id))?.deleted).toBe(false);
  });
});

describe('a device whose clock is far ahead', () => {
  it('does not move this device’s clock past now + the bound; its ops still apply', async () => {
    const b = testDatabase();
    const year2035 = Date.parse('2035-01-01T00:00:00Z');
    const chunk: OpChunk = {
      device: 'future',
      first: 1,
      last: 1,
      hlc: encodeHlc({ wall: year2035, counter: 0, device: 'future' }),
      actor: 'F1',
      sv: 1,
      ops: [{ k: 'row', t: 'person', r: 'p-future', f: { name: '未来', phones: [] } }]
    };
    await applyRemoteChunks([chunk], { db: b, now: T0 });
    const state = await syncState(b);
    expect(hlcTime(state.hlc)).toBeLessThanOrEqual(T0 + 10 * MIN);
    expect(state.clockAhead?.future?.ms).toBe(year2035 - T0);
    expect((await b.person.get('p-future'))?.name).toBe('未来');
    // This device's next write is stamped near real time, not in 2035.
    await write(desk, [{ op: 'create', table: 'person', value: { name: '现在', phones: [] } }], {
      db: b,
      now: T0 + 1
    });
    expect(hlcTime((await syncState(b)).hlc)).toBeLessThanOrEqual(T0 + 10 * MIN);
  });
});

describe('record rules after a merge', () => {
  const incident = {
    communityId: 'c1',
    kind: 'water' as const,
    title: '3 栋停水',
    script: '正在抢修',
    startsAt: T0,
    endsAt: T0 + 60 * MIN
  };

  it('flags the merged row on both devices, lets unrelated edits through, accepts the fix', async () => {
    const a = testDatabase();
    const b = testDatabase();
    const [id] = await write(desk, [{ op: 'create', table: 'incident', value: incident }], {
      db: a,
      now: T0
    });
    await exchange(a, b);
    // A moves the end earlier; B moves the start later: each edit keeps the rule.
    await write(desk, [{ op: 'update', table: 'incident', id, patch: { endsAt: T0 + 10 * MIN } }], {
      db: a,
      now: T0 + MIN
    });
    await write(
      desk,
      [{ op: 'update', table: 'incident', id, patch: { startsAt: T0 + 30 * MIN } }],
      {
        db: b,
        now: T0 + 2 * MIN
      }
    );
    await exchange(a, b);
    await exchange(b, a);
    const merged = await states(a, 'incident');
    expect(merged).toEqual(await states(b, 'incident'));
    expect(merged[0].conflicts).toEqual([
      { path: ['endsAt'], message: 'validation.endBeforeStart', code: 'custom' }
    ]);

    // An unrelated edit is not blocked by the broken rule.
    await write(
      desk,
      [{ op: 'update', table: 'incident', id, patch: { title: '3 栋停水（抢修）' } }],
      {
        db: b,
        now: T0 + 3 * MIN
      }
    );
    // An edit that breaks it again in another way is still refused…
    await expect(
      write(desk, [{ op: 'update', table: 'incident', id, patch: { title: '' } }], {
        db: b,
        now: T0 + 3 * MIN
      })
    ).rejects.toMatchObject({ kind: 'invalid' });
    // …and the edit that fixes it is accepted, and clears the flag everywhere.
    await write(desk, [{ op: 'update', table: 'incident', id, patch: { endsAt: T0 + 90 * MIN } }], {
      db: b,
      now: T0 + 4 * MIN
    });
    await exchange(b, a);
    const fixed = await states(a, 'incident');
    expect(fixed).toEqual(await states(b, 'incident'));
    expect(fixed[0].conflicts).toBeUndefined();
    expect(fixed[0].fields.title).toBe('3 栋停水（抢修）');
  });
});

describe('ops of a newer version of the app', () => {
  it('are kept, applied once this version knows them, and the update notice clears', async () => {
    const b = testDatabase();
    const chunk: OpChunk = {
      device: 'newer',
      first: 1,
      last: 1,
      hlc: encodeHlc({ wall: T0, counter: 0, device: 'newer' }),
      actor: 'F1',
      sv: 2,
      ops: [{ k: 'row', t: 'person', r: 'p-v2', f: { name: '新版本', phones: [] } }]
    };
    await applyRemoteChunks([chunk], { db: b, now: T0, schemaVersion: 1 });
    expect(await b.person.get('p-v2')).toBeUndefined();
    expect((await syncState(b)).newerSchemaSeen).toBe(2);
    expect(await b.oplog.count()).toBe(1);

    // The app is updated to version 2.
    expect(await applyDeferred(b, { schemaVersion: 2 })).toBe(1);
    expect((await b.person.get('p-v2'))?.name).toBe('新版本');
    const state = await syncState(b);
    expect(state.newerSchemaSeen).toBeUndefined();
    expect(state.deferred).toBeUndefined();
    expect(state.vv.newer).toBe(1);
  });
});

describe('derived data', () => {
  it('the request index follows received requests and steps with no screen open', async () => {
    const a = testDatabase();
    const b = testDatabase();
    const id = await recordIntake(
      desk,
      {
        kind: 'repair',
        channel: 'phone',
        communityId: 'c1',
        unitId: 'u1',
        callerName: '张三',
        callerPhone: '13812345678',
        content: '厨房水龙头漏水',
        category: '水电'
      },
      { db: a, now: T0 }
    );
    await exchange(a, b);
    expect((await indexRowOf(b, id))?.status).toBe('recorded');
    await recordStep(
      desk,
      id,
      'dispatched',
      { department: 'engineering' },
      { db: a, now: T0 + MIN }
    );
    await exchange(a, b);
    const [ra, rb] = await Promise.all([indexRowOf(a, id), indexRowOf(b, id)]);
    expect(rb?.status).toBe('dispatched');
    expect(rb).toEqual(ra);
  });
});

describe('a large catch-up builds the request index once at its end', () => {
  it('applies with deferDerived leave the index behind (board: 整理中); the build equals an index kept apply by apply', async () => {
    const a = testDatabase();
    const kept = testDatabase();
    const caught = testDatabase();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        await recordIntake(
          desk,
          {
            kind: 'repair',
            channel: 'phone',
            communityId: 'c1',
            unitId: `u${i}`,
            callerName: '张三',
            callerPhone: '13812345678',
            content: `漏水 ${i}`,
            category: '水电'
          },
          { db: a, now: T0 + i }
        )
      );
    const early = await chunksSince({}, { db: a });
    await recordStep(
      desk,
      ids[0],
      'dispatched',
      { department: 'engineering' },
      {
        db: a,
        now: T0 + MIN
      }
    );
    await recordStep(
      desk,
      ids[1],
      'dispatched',
      { department: 'engineering' },
      {
        db: a,
        now: T0 + 2 * MIN
      }
    );
    const all = await chunksSince({}, { db: a });
    const late = all.slice(early.length);
    for (const [db, defer] of [
      [kept, false],
      [caught, true]
    ] as const) {
      await applyRemoteChunks(early, { db, now: T0 + 3 * MIN, deferDerived: defer });
      await applyRemoteChunks(late, { db, now: T0 + 3 * MIN, deferDerived: defer });
    }
    expect(await caught.ticketBucket.count()).toBe(0);
    expect(await ticketIndexBehind(caught)).toBe(true);
    await rebuildDeferred(caught);
    expect(await ticketIndexBehind(caught)).toBe(false);
    expect(await indexRowsOf(caught)).toEqual(await indexRowsOf(kept));
    expect(await indexRowsOf(kept)).toEqual(await indexRowsOf(a));
    expect((await indexRowOf(caught, ids[0]))?.status).toBe('dispatched');
  });
});

describe('the author’s role on received ops', () => {
  it('an op the author’s role may not make is kept in the log, not applied, and listed', async () => {
    const a = testDatabase();
    const b = testDatabase();
    await write(
      manager,
      [
        {
          op: 'create',
          table: 'staff',
          value: {
            id: 'E1',
            name: '王工',
            role: 'engineer',
            pinHash: 'x'.repeat(32),
            pinSalt: 'y'.repeat(32),
            pinIterations: 100_000
          }
        }
      ],
      { db: a, now: T0 }
    );
    await exchange(a, b);
    // A tablet signed in as the engineer sends the creation of a household member.
    const chunk: OpChunk = {
      device: 'tablet',
      first: 1,
      last: 2,
      hlc: encodeHlc({ wall: T0 + MIN, counter: 0, device: 'tablet' }),
      actor: 'E1',
      sv: 1,
      ops: [
        { k: 'row', t: 'person', r: 'p-forged', f: { name: '伪造', phones: [] } },
        {
          k: 'row',
          t: 'ticketEvent',
          r: 'ev1',
          f: { ticketId: 't1', type: 'accepted', at: T0, staffId: 'E1', data: {} }
        }
      ]
    };
    const result = await applyRemoteChunks([chunk], { db: b, now: T0 + MIN });
    expect(result.applied).toBe(2);
    expect(await b.person.get('p-forged')).toBeUndefined();
    expect((await b.ticketEvent.get('ev1'))?.type).toBe('accepted');
    expect(await b.oplog.where('device').equals('tablet').count()).toBe(1);
    expect((await syncState(b)).refused).toMatchObject([
      { device: 'tablet', seq: 1, actor: 'E1', table: 'person', row: 'p-forged', action: 'create' }
    ]);
  });
});
