import { describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/db/blobs';
import { BlobSealError, openBlob, pieceCount, relayBlobId, sealBlob } from './blob-seal';
import { createOfficeKeys } from './office-keys';

const photo = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) % 251);

describe('sealed blob pieces', () => {
  it('round trip in several pieces, media type kept, sealed with the epoch asked for', async () => {
    const keys = createOfficeKeys('deviceAAAA');
    const bytes = photo(300_000);
    const hash = await sha256Hex(bytes);
    const pieces = await sealBlob(keys, hash, 'image/jpeg', bytes, {
      pieceBytes: 128 * 1024,
      epoch: 1
    });
    expect(pieces).toHaveLength(3);
    expect(pieces.map(pieceCount)).toEqual([3, 3, 3]);
    const opened = await openBlob(keys, hash, pieces);
    expect(opened.type).toBe('image/jpeg');
    expect(await sha256Hex(opened.bytes)).toBe(hash);
  });

  it('pieces are bound to their blob and place: another hash, order or office does not open', async () => {
    const keys = createOfficeKeys('deviceAAAA');
    const bytes = photo(1000);
    const hash = await sha256Hex(bytes);
    const pieces = await sealBlob(keys, hash, 'image/png', bytes, { pieceBytes: 400, epoch: 1 });
    const other = await sha256Hex(photo(999));
    await expect(openBlob(keys, other, pieces)).rejects.toMatchObject({ reason: 'decrypt' });
    await expect(openBlob(keys, hash, [pieces[1], pieces[0], pieces[2]])).rejects.toBeInstanceOf(
      BlobSealError
    );
    await expect(openBlob(keys, hash, pieces.slice(0, 2))).rejects.toMatchObject({
      reason: 'malformed'
    });
    const stranger = createOfficeKeys('deviceBBBB');
    await expect(openBlob(stranger, hash, pieces)).rejects.toBeInstanceOf(BlobSealError);
  });

  it('relay addresses: stable for the office, unlinkable between offices, never the hash', async () => {
    const a = createOfficeKeys('deviceAAAA');
    const b = createOfficeKeys('deviceBBBB');
    const hash = await sha256Hex(photo(10));
    expect(relayBlobId(a, hash, 0)).toBe(relayBlobId({ ...a, device: 'deviceCCCC' }, hash, 0));
    expect(relayBlobId(a, hash, 0)).not.toBe(relayBlobId(b, hash, 0));
    expect(relayBlobId(a, hash, 0)).not.toBe(relayBlobId(a, hash, 1));
    expect(relayBlobId(a, hash, 0)).not.toBe(hash);
    expect(relayBlobId(a, hash, 0)).toMatch(/^[0-9a-f]{64}$/);
    // A rotation (epoch 2) does not move what is already at the relay.
    const rotated = { ...a, epochs: [...a.epochs, { epoch: 2, raw: new Uint8Array(32).fill(9) }] };
    expect(relayBlobId(rotated, hash, 0)).toBe(relayBlobId(a, hash, 0));
  });
});
