import { describe, expect, it } from 'vitest';
import { write, type Actor } from '$lib/db/write';
import { syncState } from '$lib/db/sync-state';
import { exportChanges, FileSyncError, importChanges } from './file-sync';
import { testOffice } from './test-office';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };

describe('file sync', () => {
  it('exports changes since a vector and imports them; a damaged file changes nothing', async () => {
    const [a, b] = await testOffice(2);
    for (let i = 0; i < 20; i++)
      await write(
        desk,
        [{ op: 'create', table: 'person', value: { name: `住户${i}`, phones: [] } }],
        {
          db: a.db
        }
      );
    const file = await exportChanges(a.engine, {});
    expect(file.ops).toBe(20);

    const damaged = file.bytes.slice();
    damaged[damaged.length - 40] ^= 0xff;
    await expect(importChanges(b.engine, damaged)).rejects.toBeInstanceOf(FileSyncError);
    await expect(
      importChanges(b.engine, file.bytes.subarray(0, file.bytes.length - 7))
    ).rejects.toThrow('corrupt');
    expect(await b.db.person.count()).toBe(0);

    expect(await importChanges(b.engine, file.bytes)).toBe(20);
    expect(await b.db.person.count()).toBe(20);
    // Since B's vector: only what B lacks.
    await write(desk, [{ op: 'create', table: 'person', value: { name: '新住户', phones: [] } }], {
      db: a.db
    });
    const delta = await exportChanges(a.engine, (await syncState(b.db)).vv);
    expect(delta.ops).toBe(1);
    expect(await importChanges(b.engine, delta.bytes)).toBe(1);
    expect((await syncState(b.db)).vv).toMatchObject((await syncState(a.db)).vv);

    const [stranger] = await testOffice(1);
    await expect(importChanges(stranger.engine, file.bytes)).rejects.toThrow('other-office');
  });
});
