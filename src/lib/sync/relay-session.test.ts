import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { write, type Actor } from '$lib/db/write';
import { syncState } from '$lib/db/sync-state';
import { startRelayClient } from './relay-client';
import { testOffice } from './test-office';
import type { WebSocketClass } from './websocket-transport';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const Socket = WebSocket as unknown as WebSocketClass;
let relay: RunningRelay;

beforeAll(async () => {
  relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'guanjia-sync-')),
    log: () => {}
  });
});
afterAll(() => relay?.close());

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('two devices through the relay', () => {
  it('push, live delivery, catch-up after being away, both ways', async () => {
    const [a, b] = await testOffice(2);
    const [id] = await write(
      desk,
      [{ op: 'create', table: 'person', value: { name: '李四', phones: [] } }],
      { db: a.db }
    );
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const cb = startRelayClient(b.engine, relay.url, { Socket });
    await until(async () => (await b.db.person.get(id))?.name === '李四');

    cb.pause(); // B offline: A keeps writing
    for (let i = 0; i < 30; i++)
      await write(desk, [{ op: 'update', table: 'person', id, patch: { notes: `第${i}次` } }], {
        db: a.db
      });
    await write(desk, [{ op: 'update', table: 'person', id, patch: { preferences: 'B改' } }], {
      db: b.db
    });
    cb.resume();
    await until(async () => (await b.db.person.get(id))?.notes === '第29次');
    await until(async () => (await a.db.person.get(id))?.preferences === 'B改');
    expect((await syncState(a.db)).vv).toEqual((await syncState(b.db)).vv);
    ca.stop();
    cb.stop();
  });

  it('a catch-up goes live only once every batch it pulled is applied (issue 12)', async () => {
    const [a, b] = await testOffice(2);
    for (let i = 0; i < 60; i++)
      await write(
        desk,
        [{ op: 'create', table: 'person', value: { name: `住户${i}`, phones: [] } }],
        { db: a.db }
      );
    const ops = (await syncState(a.db)).vv[a.engine.device];
    let relayHas = 0;
    const ca = startRelayClient(a.engine, relay.url, {
      Socket,
      onRelayHave: (n) => (relayHas = n)
    });
    await until(async () => relayHas >= ops);
    // Every pulled batch applied as it arrives: the pull's own rest is empty when it answers.
    // Live (the snapshot, the relay's pruning follow from it) means all of it is stored.
    let atLive: Promise<number | undefined> | undefined;
    const cb = startRelayClient(b.engine, relay.url, {
      Socket,
      pullFlushBytes: 1,
      onPhase(phase) {
        if (phase === 'live') atLive ??= b.engine.vector().then((vv) => vv[a.engine.device]);
      }
    });
    await until(async () => atLive !== undefined);
    expect(await atLive).toBe(ops);
    expect(await b.db.person.count()).toBe(60);
    ca.stop();
    cb.stop();
  });

  it('a device of another office is refused by the relay and learns nothing', async () => {
    const [a] = await testOffice(1);
    const [stranger] = await testOffice(1);
    const forged = { ...stranger.keys, office: a.keys.office, officePublic: a.keys.officePublic };
    stranger.engine.updateKeys(forged);
    await write(desk, [{ op: 'create', table: 'person', value: { name: '王五', phones: [] } }], {
      db: a.db
    });
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    let refused = '';
    const cs = startRelayClient(stranger.engine, relay.url, {
      Socket,
      onRefused: (code) => (refused = code)
    });
    await until(async () => refused !== '');
    expect(refused).toBe('not-enrolled');
    expect(await stranger.db.person.count()).toBe(0);
    ca.stop();
    cs.stop();
  });
});
