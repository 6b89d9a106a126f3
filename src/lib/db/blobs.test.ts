import { describe, expect, it } from 'vitest';
import {
  blobsToUpload,
  blobUploaded,
  getBlob,
  putBlob,
  putDraftBlob,
  queueForRelay,
  receiveBlob,
  storedBlobHashes
} from './blobs';
import { saveEntryNaming, testDatabase } from './test-db';
import { write, type Actor } from './write';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const DAY = 24 * 60 * 60 * 1000;

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

  it('a draft photo goes up only once a record of this device names it', async () => {
    const db = testDatabase();
    const now = Date.now();
    await write(desk, [{ op: 'create', table: 'person', value: { name: '张三', phones: [] } }], {
      db
    });
    const kept = await putDraftBlob(new Uint8Array([1]), 'image/jpeg', db, now);
    const removed = await putDraftBlob(new Uint8Array([2]), 'image/jpeg', db, now);
    expect(await blobsToUpload(db, 256, now)).toEqual([]);
    // An unrelated write: still waiting (the form is open).
    await write(desk, [{ op: 'create', table: 'person', value: { name: '李四', phones: [] } }], {
      db
    });
    expect(await blobsToUpload(db, 256, now)).toEqual([]);
    // The form is saved with one of the two photos.
    await saveEntryNaming([kept], db);
    expect(await blobsToUpload(db, 256, now)).toEqual([kept]);
    // The other one was removed from the form: never queued, forgotten after a day.
    expect(await getBlob(removed, db)).toBeDefined();
    expect(await blobsToUpload(db, 256, now + 2 * DAY)).toEqual([kept]);
    expect(await getBlob(removed, db)).toBeUndefined();
    expect(await getBlob(kept, db)).toBeDefined();
  });

  it('the same bytes stored for real make a draft ordinary; the relay check keeps drafts', async () => {
    const db = testDatabase();
    const draft = await putDraftBlob(new Uint8Array([7]), 'image/jpeg', db);
    const other = await putDraftBlob(new Uint8Array([8]), 'image/jpeg', db);
    await putBlob(new Uint8Array([7]), 'image/jpeg', db);
    expect(await blobsToUpload(db)).toEqual([draft]);
    await blobUploaded(draft, db);
    // The relay lost both: the stored one is queued again, the draft stays a draft.
    const stored = await storedBlobHashes('', 10, db);
    expect(stored.sort()).toEqual([draft, other].sort());
    await queueForRelay(stored, db);
    expect(await blobsToUpload(db)).toEqual([draft]);
    expect(await storedBlobHashes(stored.sort()[0], 10, db)).toEqual([stored.sort()[1]]);
  });
});
