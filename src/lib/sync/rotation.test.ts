import { describe, expect, it } from 'vitest';
import { write, type Actor } from '$lib/db/write';
import { absorbKeyGrants, removeDevice } from './rotation';
import { saveOfficeKeys } from './office-keys';
import { testOffice } from './test-office';
import { memoryLink } from './memory-transport';
import { runPeerSession } from './peer-session';

const manager: Actor = { staffId: 'M1', role: 'manager' };

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('removing a device', () => {
  it('rotates the office key: remaining devices read later changes, the removed one cannot', async () => {
    const [a, b, c] = await testOffice(3);
    // A lists the three devices (as pairing does).
    await write(
      manager,
      [a, b, c].map((d) => ({
        op: 'create' as const,
        table: 'device' as const,
        value: {
          id: d.keys.device,
          name: d.keys.device,
          key: d.keys.cert.key,
          sig: d.keys.cert.sig
        }
      })),
      { db: a.db }
    );
    const next = await removeDevice(a.db, a.keys, manager, c.keys.device);
    await saveOfficeKeys(a.db, next);
    a.engine.updateKeys(next);
    const [id] = await write(
      manager,
      [{ op: 'create', table: 'person', value: { name: '秘密', phones: [] } }],
      { db: a.db }
    );

    // B receives the grant (sealed under the old epoch), takes the key, then the new data.
    const link = memoryLink();
    runPeerSession(a.engine, link.ends[0]);
    runPeerSession(b.engine, link.ends[1]);
    await until(async () => (await b.db.device.get(b.keys.device))?.grants !== undefined);
    const row = await b.db.device.get(b.keys.device);
    const bKeys = row && (await absorbKeyGrants(b.engine, row));
    expect(bKeys?.epochs.map((k) => k.epoch)).toEqual([1, 2]);
    expect(bKeys?.revocation?.devices).toEqual([c.keys.device]);
    if (bKeys) b.engine.updateKeys(bKeys);
    await until(async () => (await b.db.person.get(id))?.name === '秘密');

    // C, removed, gets the very same batches: they do not open; nothing is stored.
    const all = [];
    for await (const batch of a.engine.outgoing({}, { maxBodyBytes: 1 << 20 })) all.push(batch);
    const result = await c.engine.receive(all, 'test');
    expect(result.missingKey).toBe(true);
    expect(await c.db.person.get(id)).toBeUndefined();
    const cRow = await c.db.device.get(c.keys.device);
    expect(cRow && (await absorbKeyGrants(c.engine, cRow))).toBeUndefined();
    link.close();
  });
});
