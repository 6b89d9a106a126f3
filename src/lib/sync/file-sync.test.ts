import { describe, expect, it } from 'vitest';
import { blobsToUpload, getBlob, putBlob, putDraftBlob, sha256Hex } from '$lib/db/blobs';
import { write, type Actor } from '$lib/db/write';
import { syncState } from '$lib/db/sync-state';
import { saveEntryNaming } from '$lib/db/test-db';
import { OFFICE_ID } from '$lib/domain/records/office';
import { utf8 } from './crypto';
import { exportChanges, FileSyncError, importChanges, planExport } from './file-sync';
import { recentSyncLog } from './sync-log';
import { testOffice, type TestDevice } from './test-office';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const manager: Actor = { staffId: 'M1', role: 'manager' };

const bytesOf = async (file: Blob) => new Uint8Array(await file.arrayBuffer());

/** A photo's bytes: recognisable, and larger than one sealed piece. */
function photo(size: number, mark: string): Uint8Array {
  const text = new TextEncoder().encode(`照片 ${mark} `);
  return Uint8Array.from({ length: size }, (_, i) => text[i % text.length]);
}

/**
 * On A: a house-health entry with a photo (taken in its form) and the office's stamp (a
 * PNG), plus a photo taken and discarded (named by nothing).
 */
async function recordsWithAttachments(a: TestDevice) {
  const picture = photo(300_000, '墙面裂缝');
  const stampBytes = photo(4000, '客户服务部章');
  const photoHash = await putDraftBlob(picture, 'image/jpeg', a.db);
  const discarded = await putDraftBlob(photo(2000, '拍错了'), 'image/jpeg', a.db);
  await saveEntryNaming([photoHash], a.db);
  const stamp = await putBlob(stampBytes, 'image/png', a.db);
  await write(
    manager,
    [{ op: 'create', table: 'office', value: { id: OFFICE_ID, name: '幸福里物业服务中心' } }],
    { db: a.db }
  );
  await write(
    manager,
    [{ op: 'update', table: 'office', id: OFFICE_ID, patch: { stampBlob: stamp } }],
    { db: a.db }
  );
  return { picture, photoHash, stamp, stampBytes, discarded };
}

/** Flip a byte inside the body of sealed piece `part` of blob `hash` in a file. */
function damagePiece(file: Uint8Array, hash: string, part: number): Uint8Array {
  const damaged = file.slice();
  const needle = utf8(`"hash":"${hash}","part":${part}}`);
  outer: for (let i = 0; i + needle.length <= file.length; i++) {
    for (let j = 0; j < needle.length; j++) if (file[i + j] !== needle[j]) continue outer;
    damaged[i + needle.length + 100] ^= 0xff;
    return damaged;
  }
  throw new Error('piece not found in the file');
}

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
    const exported = await exportChanges(a.engine, {});
    expect(exported.ops).toBe(20);
    const file = await bytesOf(exported.file);

    const damaged = file.slice();
    damaged[damaged.length - 40] ^= 0xff;
    await expect(importChanges(b.engine, damaged)).rejects.toBeInstanceOf(FileSyncError);
    await expect(importChanges(b.engine, file.subarray(0, file.length - 7))).rejects.toThrow(
      'corrupt'
    );
    expect(await b.db.person.count()).toBe(0);

    expect(await importChanges(b.engine, file)).toEqual({ ops: 20, blobs: 0, damaged: 0 });
    expect(await b.db.person.count()).toBe(20);
    // Since B's vector: only what B lacks.
    await write(desk, [{ op: 'create', table: 'person', value: { name: '新住户', phones: [] } }], {
      db: a.db
    });
    const delta = await exportChanges(a.engine, (await syncState(b.db)).vv);
    expect(delta.ops).toBe(1);
    expect((await importChanges(b.engine, await bytesOf(delta.file))).ops).toBe(1);
    expect((await syncState(b.db)).vv).toMatchObject((await syncState(a.db)).vv);

    const [stranger] = await testOffice(1);
    await expect(importChanges(stranger.engine, file)).rejects.toThrow('other-office');
  });

  it('carries the photos and signatures the changes name, sealed, hash-checked on import', async () => {
    const [a, b] = await testOffice(2);
    const { picture, photoHash, stamp, stampBytes, discarded } = await recordsWithAttachments(a);

    const plan = await planExport(a.engine, {});
    expect(plan.attachments.count).toBe(2); // the discarded photo is named by nothing
    expect(plan.photos).toEqual({ count: 1, bytes: picture.byteLength });
    const exported = await exportChanges(a.engine, {});
    expect(exported.blobs).toBe(2);
    // The size shown before export is close to the file's.
    expect(Math.abs(plan.bytes - exported.file.size) / exported.file.size).toBeLessThan(0.2);
    const file = await bytesOf(exported.file);
    // Sealed: neither the photo's bytes nor its media type are in the file.
    const text = new TextDecoder('latin1').decode(file);
    expect(text).not.toContain(new TextDecoder('latin1').decode(picture.subarray(0, 64)));
    expect(text).not.toContain('image/jpeg');

    const result = await importChanges(b.engine, file);
    expect(result).toEqual({ ops: 3, blobs: 2, damaged: 0 });
    const got = await getBlob(photoHash, b.db);
    expect(got?.type).toBe('image/jpeg');
    expect(await sha256Hex(got!.bytes)).toBe(photoHash);
    expect((await getBlob(stamp, b.db))?.bytes).toEqual(stampBytes);
    expect(await getBlob(discarded, b.db)).toBeUndefined();
    // B passes them on to the relay: A may never reach it.
    expect((await blobsToUpload(b.db)).sort()).toEqual([photoHash, stamp].sort());
    // Importing the same file again changes nothing more.
    expect(await importChanges(b.engine, file)).toEqual({ ops: 0, blobs: 2, damaged: 0 });
  });

  it('a damaged attachment is reported and skipped; the changes and the others still import', async () => {
    const [a, b] = await testOffice(2);
    const { photoHash, stamp } = await recordsWithAttachments(a);
    const file = await bytesOf((await exportChanges(a.engine, {})).file);
    const damaged = damagePiece(file, photoHash, 1);

    const before = recentSyncLog.length;
    expect(await importChanges(b.engine, damaged)).toEqual({ ops: 3, blobs: 1, damaged: 1 });
    expect(recentSyncLog.slice(before).map((l) => l.reason)).toContain('blob-decrypt');
    expect(await getBlob(photoHash, b.db)).toBeUndefined();
    expect(await getBlob(stamp, b.db)).toBeDefined();
    expect(await b.db.houseHealthEntry.count()).toBe(1);
    expect((await b.db.office.get(OFFICE_ID))?.stampBlob).toBe(stamp);
  });

  it('leaves the photos out when asked, keeping signatures and the stamp: a small file', async () => {
    const [a, b] = await testOffice(2);
    const { picture, photoHash, stamp } = await recordsWithAttachments(a);
    const withPhotos = await planExport(a.engine, {});
    const plan = await planExport(a.engine, {}, { photos: false });
    expect(plan.attachments.count).toBe(1);
    expect(plan.photos.count).toBe(1); // named, and left out
    expect(withPhotos.bytes - plan.bytes).toBeGreaterThanOrEqual(picture.byteLength);

    const exported = await exportChanges(a.engine, {}, { photos: false });
    expect(exported.blobs).toBe(1);
    expect(exported.file.size).toBeLessThan(picture.byteLength / 10);
    expect(await importChanges(b.engine, await bytesOf(exported.file))).toEqual({
      ops: 3,
      blobs: 1,
      damaged: 0
    });
    expect(await getBlob(stamp, b.db)).toBeDefined();
    expect(await getBlob(photoHash, b.db)).toBeUndefined();
    expect(await b.db.houseHealthEntry.count()).toBe(1);
  });
});
