import { describe, expect, it } from 'vitest';
import { blobsToUpload, blobUploaded, getBlob, putBlob, receiveBlob } from './blobs';
import { testDatabase } from './test-db';

describe('content-addressed attachments', () => {
  it('stores bytes once under their SHA-256', async () => {
    const db = testDatabase();
    const bytes = new TextEncoder().encode('签名图片');
    const a = await putBlob(bytes, 'image/png', db);
    const b = await putBlob(bytes, 'image/png', db);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.blobs.count()).toBe(1);
    expect((await getBlob(a, db))?.size).toBe(bytes.byteLength);
  });

  it('refuses bytes that do not match the hash they came with', async () => {
    const db = testDatabase();
    const hash = await putBlob(new Uint8Array([1, 2, 3]), 'image/png', testDatabase());
    expect(await receiveBlob(hash, new Uint8Array([1, 2, 4]), 'image/png', db)).toBe(false);
    expect(await db.blobs.count()).toBe(0);
    expect(await receiveBlob(hash, new Uint8Array([1, 2, 3]), 'image/png', db)).toBe(true);
  });

  it('queues what this device stored for the relay, not what it received from it', async () => {
    const db = testDatabase();
    const taken = await putBlob(new Uint8Array([1]), 'image/jpeg', db, 1);
    const fromRelay = await putBlob(new Uint8Array([2]), 'image/jpeg', testDatabase());
    const fromTablet = await putBlob(new Uint8Array([3]), 'image/jpeg', testDatabase());
    await receiveBlob(fromRelay, new Uint8Array([2]), 'image/jpeg', db);
    await receiveBlob(fromTablet, new Uint8Array([3]), 'image/jpeg', db, { upload: true });
    expect(
      await receiveBlob(fromTablet, new Uint8Array([4]), 'image/jpeg', db, { upload: true })
    ).toBe(false);
    expect(await blobsToUpload(db)).toEqual([taken, fromTablet]);
    await blobUploaded(taken, db);
    expect(await blobsToUpload(db)).toEqual([fromTablet]);
  });
});
