import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { write, type Actor } from '$lib/db/write';
import { testDatabase } from '$lib/db/test-db';
import { SyncEngine } from './engine';
import { hostPairing, joinOffice, pairingLink, parsePairingLink } from './pairing';
import { startRelayClient } from './relay-client';
import { testOffice } from './test-office';
import type { WebSocketClass } from './websocket-transport';

const manager: Actor = { staffId: 'M1', role: 'manager' };
const Socket = WebSocket as unknown as WebSocketClass;
let relay: RunningRelay;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-pair-'));
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir, log: () => {} });
});
afterAll(() => relay?.close());

describe('pairing a new device', () => {
  it('the approved device gets the keys and then the data; the code works once', async () => {
    const [a] = await testOffice(1);
    const [id] = await write(
      manager,
      [{ op: 'create', table: 'person', value: { name: '赵六', phones: [] } }],
      { db: a.db }
    );
    const host = await hostPairing(a.db, a.keys, manager, relay.url, Socket);
    const code = parsePairingLink(pairingLink('http://localhost:4173', host.code));
    expect(code).toEqual(host.code);

    const db = testDatabase();
    const joining = joinOffice(db, host.code, '前台平板', Socket);
    expect((await host.request).name).toBe('前台平板');
    expect(await host.approve()).toBe('前台平板');
    const keys = await joining;
    expect(keys.office).toBe(a.keys.office);
    expect(await a.db.device.get(keys.device)).toMatchObject({ name: '前台平板' });

    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const cb = startRelayClient(new SyncEngine(db, keys), relay.url, { Socket });
    for (let i = 0; i < 200 && !(await db.person.get(id)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await db.person.get(id))?.name).toBe('赵六');
    ca.stop();
    cb.stop();

    // The same code again: the host is gone and a second guest gets no keys.
    await expect(
      Promise.race([
        joinOffice(testDatabase(), host.code, '冒充', Socket),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 500))
      ])
    ).rejects.toThrow();
  });
});
