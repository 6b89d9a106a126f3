import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { write, type Actor } from '$lib/db/write';
import { WriteError } from '$lib/db/write-error';
import { commitChunks, commitScope } from '$lib/db/commit';
import { readSyncState } from '$lib/db/sync-state';
import { newDeviceId } from '$lib/db/ids';
import type { GuanjiaDexie } from '$lib/db/database';
import {
  leaveOffice,
  listMemberships,
  officeDatabase,
  officeDatabaseName,
  openRegistry
} from '$lib/db/offices';
import { tickHlc } from '$lib/oplog/hlc';
import { SCHEMA_VERSION, type OpChunk } from '$lib/oplog/format';
import { OFFICE_ID } from '$lib/domain/record-ids';
import { joinAsCompany, startOfficeSync, type OfficeSync } from './company';
import { loadOfficeKeys } from './office-keys';
import { hostPairing } from './pairing';
import { startRelayClient, type RelayClient } from './relay-client';
import { sealChunks } from './seal';
import { testOffice, type TestDevice } from './test-office';
import type { WebSocketClass } from './websocket-transport';

const manager: Actor = { staffId: 'M1', role: 'manager' };
const Socket = WebSocket as unknown as WebSocketClass;
const relays: RunningRelay[] = [];
const stops: (() => void)[] = [];
beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-company-'));
    relays.push(await startRelay({ port: 0, host: '127.0.0.1', dataDir, log: () => {} }));
  }
});
afterAll(() => {
  for (const stop of stops) stop();
  for (const relay of relays) relay.close();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An office with its manager, its name and one community, syncing through its own relay. */
async function office(name: string, community: string, relay: RunningRelay): Promise<TestDevice> {
  const [a] = await testOffice(1);
  await write(
    manager,
    [
      { op: 'create', table: 'office', value: { id: OFFICE_ID, name } },
      { op: 'create', table: 'community', value: { name: community } },
      {
        op: 'create',
        table: 'staff',
        value: {
          id: manager.staffId,
          name: '经理',
          role: 'manager',
          pinHash: 'x'.repeat(16),
          pinSalt: 'y'.repeat(16),
          pinIterations: 10_000
        }
      }
    ],
    { db: a.db }
  );
  const client: RelayClient = startRelayClient(a.engine, relay.url, { Socket });
  stops.push(() => client.stop());
  return a;
}

/** The manager's device pairs the company device; the request says "company". */
async function pairCompany(
  a: TestDevice,
  relay: RunningRelay,
  registry = openRegistry(`r-${Math.random()}`)
) {
  const host = await hostPairing(a.db, a.keys, manager, relay.url, Socket);
  const joining = joinAsCompany(host.code, '公司质量部', { registry, Socket });
  const request = await host.request;
  expect(request).toMatchObject({ name: '公司质量部', company: true });
  await host.approve();
  return { membership: await joining, registry };
}

function follow(db: GuanjiaDexie): Promise<OfficeSync | undefined> {
  return startOfficeSync(db, () => {}, Socket).then((s) => {
    if (s) stops.push(() => s.stop());
    return s;
  });
}

describe('a company device in two offices', () => {
  it('holds each office in its own database under its own key, read-only, and can leave one', async () => {
    const east = await office('东湖物业服务中心', '东湖花园', relays[0]);
    const west = await office('西山物业服务中心', '西山苑', relays[1]);
    const registry = openRegistry(`guanjia-offices-test-${Date.now()}`);
    const { membership: m1 } = await pairCompany(east, relays[0], registry);
    const { membership: m2 } = await pairCompany(west, relays[1], registry);

    // The registry: one membership per office, each with its own database and role.
    const list = await listMemberships(registry);
    expect(list.map((m) => m.office)).toEqual([east.keys.office, west.keys.office]);
    expect(list.map((m) => m.dbName)).toEqual([
      officeDatabaseName(east.keys.office),
      officeDatabaseName(west.keys.office)
    ]);
    expect(list.every((m) => m.actor.role === 'company')).toBe(true);

    const dbEast = officeDatabase(m1);
    const dbWest = officeDatabase(m2);
    const keysEast = await loadOfficeKeys(dbEast);
    const keysWest = await loadOfficeKeys(dbWest);
    expect(keysEast?.office).toBe(east.keys.office);
    expect(keysWest?.office).toBe(west.keys.office);
    // A company device cannot sign for an office (pair or remove devices).
    expect(keysEast?.officeSecret).toBeUndefined();
    expect(keysEast?.epochs[0].raw).not.toEqual(keysWest?.epochs[0].raw);

    // The office lists the device and a read-only staff member nobody can sign in as.
    const staff = await east.db.staff.get(m1.actor.staffId);
    expect(staff).toMatchObject({ role: 'company', active: false, name: '公司质量部' });

    const eastSync = await follow(dbEast);
    await follow(dbWest);
    const eastOffice = await until(
      () => dbEast.office.get(OFFICE_ID),
      (r) => r !== undefined
    );
    const westOffice = await until(
      () => dbWest.office.get(OFFICE_ID),
      (r) => r !== undefined
    );
    expect(eastOffice?.name).toBe('东湖物业服务中心');
    expect(westOffice?.name).toBe('西山物业服务中心');
    // Nothing of one office in the other's database.
    expect((await dbEast.community.toArray()).map((c) => c.name)).toEqual(['东湖花园']);
    expect((await dbWest.community.toArray()).map((c) => c.name)).toEqual(['西山苑']);

    // Read-only: the write path refuses the company role before anything is written.
    const [community] = await dbEast.community.toArray();
    await expect(
      write(
        m1.actor,
        [{ op: 'update', table: 'community', id: community.id, patch: { name: '改名' } }],
        { db: dbEast }
      )
    ).rejects.toBeInstanceOf(WriteError);

    eastSync?.stop();
    // A forged write (a tampered app puts an op of the company actor in its log and pushes
    // it): the office's device refuses it by the permission table and records the refusal.
    await dbEast.transaction('rw', commitScope(dbEast, ['community'], 'local'), async () => {
      const state = await readSyncState(dbEast);
      const now = Date.now();
      const hlc = tickHlc(state.hlc, now, state.device);
      const first = (state.vv[state.device] ?? 0) + 1;
      const chunk: OpChunk = {
        device: state.device,
        first,
        last: first,
        hlc,
        actor: m1.actor.staffId,
        sv: SCHEMA_VERSION,
        ops: [{ k: 'row', t: 'community', r: community.id, f: { name: '改名', updatedAt: now } }]
      };
      await commitChunks(
        dbEast,
        { ...state, hlc, vv: { ...state.vv, [state.device]: first } },
        [chunk],
        'local'
      );
    });
    const sync = await follow(dbEast);
    const refused = await until(
      async () => (await east.db.meta.get('sync'))?.refused ?? [],
      (r) => r.length > 0
    );
    expect(refused[0]).toMatchObject({
      device: sync?.engine.device,
      actor: m1.actor.staffId,
      table: 'community'
    });
    expect((await east.db.community.get(community.id))?.name).toBe('东湖花园');

    // Leaving an office deletes its database and its membership; the other stays.
    sync?.stop();
    for (const stop of stops.splice(0)) stop();
    await leaveOffice(east.keys.office, registry);
    expect((await listMemberships(registry)).map((m) => m.office)).toEqual([west.keys.office]);
    expect(await Dexie.exists(officeDatabaseName(east.keys.office))).toBe(false);
    expect(await Dexie.exists(officeDatabaseName(west.keys.office))).toBe(true);
  });

  it("refuses a company device's ops forged under the manager's staff id (device-bound role)", async () => {
    const office1 = await office('南湖物业服务中心', '南湖苑', relays[0]);
    const { membership } = await pairCompany(office1, relays[0]);
    const companyDb = officeDatabase(membership);
    const { device: companyDevice } = await readSyncState(companyDb);
    const staffBefore = await office1.db.staff.toArray();
    let forgedLast = 0;
    const [community] = await office1.db.community.toArray();

    // A tampered company app writes ops in the manager's name (rename the community, make
    // its own staff member a manager) straight into its log, then syncs: as the manager,
    // both would be allowed by the role table.
    await companyDb.transaction(
      'rw',
      commitScope(companyDb, ['community', 'staff'], 'local'),
      async () => {
        const state = await readSyncState(companyDb);
        const now = Date.now();
        const hlc = tickHlc(state.hlc, now, state.device);
        const first = (state.vv[state.device] ?? 0) + 1;
        forgedLast = first + 1;
        const chunk: OpChunk = {
          device: state.device,
          first,
          last: first + 1,
          hlc,
          actor: manager.staffId,
          sv: SCHEMA_VERSION,
          ops: [
            { k: 'row', t: 'community', r: community.id, f: { name: '改名', updatedAt: now } },
            {
              k: 'row',
              t: 'staff',
              r: membership.actor.staffId,
              f: { role: 'manager', active: true, updatedAt: now }
            }
          ]
        };
        await commitChunks(
          companyDb,
          { ...state, hlc, vv: { ...state.vv, [state.device]: first + 1 } },
          [chunk],
          'local'
        );
      }
    );
    await follow(companyDb);
    // The manager's device holds both ops (its vector), judged.
    const { refused = [] } = await until(
      () => readSyncState(office1.db),
      (state) => (state.vv[companyDevice] ?? 0) >= forgedLast
    );
    expect(refused.map((r) => [r.device, r.actor, r.table])).toEqual([
      [companyDevice, manager.staffId, 'community'],
      [companyDevice, manager.staffId, 'staff']
    ]);
    // The ops are held (the log is the audit trail) but nothing of them applied.
    expect((await office1.db.community.get(community.id))?.name).toBe('南湖苑');
    expect(await office1.db.staff.toArray()).toEqual(staffBefore);
    // What bound it: the manager's device enrolled it with the company role as its ceiling.
    expect(await office1.db.device.get(companyDevice)).toMatchObject({ ceiling: 'company' });
    for (const stop of stops.splice(0)) stop();
  });

  it("refuses a batch a company device seals as another device's (the forwarding road)", async () => {
    const office1 = await office('北湖物业服务中心', '北湖苑', relays[1]);
    const { membership } = await pairCompany(office1, relays[1]);
    const companyKeys = await loadOfficeKeys(officeDatabase(membership));
    if (!companyKeys) throw new Error('no keys');
    const [community] = await office1.db.community.toArray();
    // Ops in the manager's name on a tablet id of its choosing, sealed (signed) by the company
    // device as if it forwarded them: the relay takes only authors' own signatures, a peer
    // session takes forwarded batches.
    const tablet = newDeviceId();
    const now = Date.now();
    const chunk: OpChunk = {
      device: tablet,
      first: 1,
      last: 1,
      hlc: tickHlc((await readSyncState(office1.db)).hlc, now, tablet),
      actor: manager.staffId,
      sv: SCHEMA_VERSION,
      ops: [{ k: 'row', t: 'community', r: community.id, f: { name: '改名', updatedAt: now } }]
    };
    const sealed = await sealChunks(companyKeys, [chunk], companyKeys.epochs.at(-1)?.epoch ?? 1);
    expect(sealed.meta.signer).toBe(companyKeys.device);
    const result = await office1.engine.receive([sealed], 'peer');
    expect(result).toMatchObject({ applied: 0, refused: 1 });
    expect((await office1.db.community.get(community.id))?.name).toBe('北湖苑');
    expect((await readSyncState(office1.db)).vv[tablet]).toBeUndefined();
    for (const stop of stops.splice(0)) stop();
  });
});
