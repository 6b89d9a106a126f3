import { describe, expect, it } from 'vitest';
import type { BatchMeta } from './batch-cipher';
import { encodeFields, randomBytes, utf8 } from './bytes';
import { signBatch, verifyBatchSignature } from './envelope';
import { generateSigningKeyPair } from './signing';

const meta: BatchMeta = {
  office: 'office-aaaaaaaa',
  device: 'device-bbbbbbbb',
  first: 501,
  last: 1000,
  epoch: 1,
  schema: 3
};

describe('batch signatures', () => {
  const author = generateSigningKeyPair();
  const ciphertext = randomBytes(2000);
  const sig = signBatch(meta, ciphertext, author.secretKey);

  it('verify for the author and only for the exact batch', () => {
    expect(verifyBatchSignature(meta, ciphertext, sig, author.publicKey)).toBe(true);
    expect(verifyBatchSignature(meta, ciphertext, sig, generateSigningKeyPair().publicKey)).toBe(
      false
    );
    for (const change of [
      { first: 500 },
      { last: 1001 },
      { epoch: 2 },
      { schema: 4 },
      { device: 'device-cccccccc' },
      { office: 'office-b' }
    ]) {
      expect(verifyBatchSignature({ ...meta, ...change }, ciphertext, sig, author.publicKey)).toBe(
        false
      );
    }
  });

  it('one flipped bit of the ciphertext breaks the signature', () => {
    for (const index of [0, 1000, 1999]) {
      const tampered = ciphertext.slice();
      tampered[index] ^= 0x80;
      expect(verifyBatchSignature(meta, tampered, sig, author.publicKey)).toBe(false);
    }
  });

  it('field encoding is unambiguous', () => {
    expect(encodeFields('ab', 'c')).not.toEqual(encodeFields('a', 'bc'));
    expect(encodeFields(utf8('x'), 1)).not.toEqual(encodeFields(utf8('x1')));
    expect(() => encodeFields(-1)).toThrow();
    expect(() => encodeFields(1.5)).toThrow();
  });
});
