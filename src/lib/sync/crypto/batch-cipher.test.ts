import { describe, expect, it } from 'vitest';
import {
  decryptBatch,
  decryptBlob,
  encryptBatch,
  encryptBlob,
  type BatchMeta
} from './batch-cipher';
import { fromUtf8, utf8 } from './bytes';
import { generateOfficeKey, keyringOf, rotateOfficeKey } from './office-key';

const meta: BatchMeta = {
  office: 'office-aaaaaaaa',
  device: 'device-bbbbbbbb',
  first: 1,
  last: 3,
  epoch: 1,
  schema: 1
};
const plaintext = utf8(
  JSON.stringify([
    { field: 'phone', value: '13812345678' },
    { field: 'name', value: '张三丰' }
  ])
);

function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] ^= 0x01;
  return copy;
}

describe('batch encryption', () => {
  it('round-trips and hides the plaintext', async () => {
    const key = generateOfficeKey();
    const sealed = await encryptBatch(key, meta, plaintext);
    expect(fromUtf8(await decryptBatch(keyringOf(key), meta, sealed))).toContain('张三丰');
    expect(Buffer.from(sealed).includes(Buffer.from('13812345678'))).toBe(false);
    expect(Buffer.from(sealed).includes(Buffer.from('张三丰'))).toBe(false);
  });

  it('uses a fresh IV each time', async () => {
    const key = generateOfficeKey();
    const a = await encryptBatch(key, meta, plaintext);
    const b = await encryptBatch(key, meta, plaintext);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('rejects a single flipped bit anywhere in IV, ciphertext or tag', async () => {
    const key = generateOfficeKey();
    const sealed = await encryptBatch(key, meta, plaintext);
    for (const index of [0, 11, 12, sealed.length >> 1, sealed.length - 1]) {
      await expect(decryptBatch(keyringOf(key), meta, flipBit(sealed, index))).rejects.toThrow();
    }
  });

  it('rejects the batch under any other metadata (moved device, seq, epoch, schema, office)', async () => {
    const key = generateOfficeKey();
    const sealed = await encryptBatch(key, meta, plaintext);
    const changes: Partial<BatchMeta>[] = [
      { device: 'device-cccccccc' },
      { first: 2 },
      { last: 4 },
      { schema: 2 },
      { office: 'office-zzzzzzzz' }
    ];
    for (const change of changes) {
      await expect(decryptBatch(keyringOf(key), { ...meta, ...change }, sealed)).rejects.toThrow();
    }
  });

  it('after rotation: new batches use the new epoch, a device with only the old key cannot read them', async () => {
    const old = generateOfficeKey();
    const next = rotateOfficeKey(old);
    expect(next.epoch).toBe(2);
    const newer = { ...meta, epoch: 2 };
    const sealed = await encryptBatch(next, newer, plaintext);
    await expect(encryptBatch(old, newer, plaintext)).rejects.toThrow(/epoch/);
    await expect(decryptBatch(keyringOf(old), newer, sealed)).rejects.toThrow(
      /no office key for epoch 2/
    );
    // a removed device that kept the old key and relabels the batch as epoch 1 still fails
    await expect(decryptBatch(keyringOf(old), meta, sealed)).rejects.toThrow();
    // a current device reads both epochs
    const before = await encryptBatch(old, meta, plaintext);
    const both = keyringOf(old, next);
    expect(await decryptBatch(both, meta, before)).toEqual(plaintext);
    expect(await decryptBatch(both, newer, sealed)).toEqual(plaintext);
  });

  it('blobs are bound to their office', async () => {
    const key = generateOfficeKey();
    const sealed = await encryptBlob(key, 'office-aaaaaaaa', plaintext);
    expect(await decryptBlob(keyringOf(key), 'office-aaaaaaaa', 1, sealed)).toEqual(plaintext);
    await expect(decryptBlob(keyringOf(key), 'office-bbbbbbbb', 1, sealed)).rejects.toThrow();
    await expect(
      decryptBlob(keyringOf(key), 'office-aaaaaaaa', 1, flipBit(sealed, 20))
    ).rejects.toThrow();
  });
});
