import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from './store-sqlite';

const ID = (c: string) => c.repeat(64);

async function storeWithOffices(quota = 1000): Promise<SqliteStore> {
  const store = new SqliteStore(mkdtempSync(join(tmpdir(), 'guanjia-office-blobs-')), quota);
  await store.enrol('officeAAAA', new Uint8Array(32), 'deviceAAAA', new Uint8Array(32), 0);
  await store.enrol('officeBBBB', new Uint8Array(32), 'deviceBBBB', new Uint8Array(32), 0);
  return store;
}

describe('office blobs at the relay', () => {
  it('keeps a piece per office, answers only that office, and stores a second upload once', async () => {
    const store = await storeWithOffices();
    const blobs = store.officeBlobs;
    expect(await blobs.put('officeAAAA', ID('a'), new Uint8Array([1, 2, 3]), 1, 'file')).toEqual({
      ok: true,
      stored: true
    });
    expect(await blobs.put('officeAAAA', ID('a'), new Uint8Array([9, 9, 9]), 2, 'file')).toEqual({
      ok: true,
      stored: false
    });
    expect([...((await blobs.get('officeAAAA', ID('a'))) ?? [])]).toEqual([1, 2, 3]);
    expect(await blobs.get('officeBBBB', ID('a'))).toBeUndefined();
    expect(await blobs.missing('officeAAAA', [ID('a'), ID('b')])).toEqual([ID('b')]);
    expect(await blobs.missing('officeBBBB', [ID('a')])).toEqual([ID('a')]);
    expect((await store.office('officeAAAA'))?.bytes).toBe(3);
    await store.close();
  });

  it('counts pieces in the office quota and refuses what would exceed it', async () => {
    const store = await storeWithOffices(10);
    const blobs = store.officeBlobs;
    expect((await blobs.put('officeAAAA', ID('a'), new Uint8Array(8), 1, 'file')).ok).toBe(true);
    const refused = await blobs.put('officeAAAA', ID('b'), new Uint8Array(8), 1, 'file');
    expect(refused).toMatchObject({ ok: false, code: 'quota-exceeded' });
    expect(await blobs.usage('officeAAAA')).toEqual({ pieces: 1, bytes: 8 });
    expect((await blobs.put('officeBBBB', ID('b'), new Uint8Array(8), 1, 'file')).ok).toBe(true);
    await store.close();
  });

  it('survives a restart (no expiry)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-office-blobs-'));
    const first = new SqliteStore(dir, 1000);
    await first.enrol('officeAAAA', new Uint8Array(32), 'deviceAAAA', new Uint8Array(32), 0);
    await first.officeBlobs.put('officeAAAA', ID('c'), new Uint8Array([7]), 1, 'file');
    await first.purgeExpiredBlobs(Number.MAX_SAFE_INTEGER);
    await first.close();
    const again = new SqliteStore(dir, 1000);
    expect([...((await again.officeBlobs.get('officeAAAA', ID('c'))) ?? [])]).toEqual([7]);
    await again.close();
  });

  it('drops only pieces put as a snapshot’s: a device naming a photo drops nothing', async () => {
    const store = await storeWithOffices();
    const blobs = store.officeBlobs;
    await blobs.put('officeAAAA', ID('p'), new Uint8Array(5), 1, 'file');
    await blobs.put('officeAAAA', ID('s'), new Uint8Array(3), 1, 'snapshot');
    expect(await blobs.drop('officeAAAA', 'deviceAAAA', [ID('p'), ID('s')])).toEqual({
      ok: true,
      ids: [ID('s')],
      bytes: 3
    });
    expect(await blobs.missing('officeAAAA', [ID('p'), ID('s')])).toEqual([ID('s')]);
    expect((await store.office('officeAAAA'))?.bytes).toBe(5);
    await store.close();
  });

  it('a data dir from before the kind was kept: its pieces count as files and stay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-office-blobs-'));
    const first = new SqliteStore(dir, 1000);
    await first.enrol('officeAAAA', new Uint8Array(32), 'deviceAAAA', new Uint8Array(32), 0);
    await first.close();
    // The table as the relay had it: no kind column, one piece stored.
    const raw = new Database(join(dir, 'relay.sqlite'));
    raw.exec('ALTER TABLE office_blobs DROP COLUMN kind');
    raw
      .prepare('INSERT INTO office_blobs (office, id, body, stored_at) VALUES (?, ?, ?, ?)')
      .run('officeAAAA', ID('o'), Buffer.from([1, 2]), 1);
    raw.close();
    const again = new SqliteStore(dir, 1000);
    expect(await again.officeBlobs.drop('officeAAAA', 'deviceAAAA', [ID('o')])).toMatchObject({
      ok: true,
      ids: []
    });
    expect([...((await again.officeBlobs.get('officeAAAA', ID('o'))) ?? [])]).toEqual([1, 2]);
    await again.close();
  });
});
