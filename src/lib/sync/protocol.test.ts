import { describe, expect, it } from 'vitest';
import { randomBytes, toBase64Url } from './crypto/bytes';
import { frameSignatureMessage } from './crypto/envelope';
import { generateSigningKeyPair, verify } from './crypto/signing';
import {
  clientHeaderSchema,
  decodeFrame,
  encodeFrame,
  encodeSignedFrame,
  FrameError,
  relayHeaderSchema,
  type ClientHeader
} from './protocol';

const batch = {
  device: 'device-aaaaaaaa',
  first: 1,
  last: 500,
  epoch: 1,
  schema: 1,
  sig: toBase64Url(randomBytes(64))
};

describe('frames', () => {
  it('carry header and raw body; the signature covers nonce, header and body', () => {
    const keys = generateSigningKeyPair();
    const nonce = randomBytes(16);
    const body = randomBytes(1000);
    const header: ClientHeader = { t: 'push', n: 7, batch };
    const frame = decodeFrame(encodeSignedFrame(header, body, nonce, keys.secretKey));
    expect(clientHeaderSchema.parse(frame.header)).toEqual(header);
    expect(frame.body).toEqual(body);
    expect(
      verify(frame.signature, frameSignatureMessage(nonce, frame.signedPart), keys.publicKey)
    ).toBe(true);
    expect(
      verify(
        frame.signature,
        frameSignatureMessage(randomBytes(16), frame.signedPart),
        keys.publicKey
      )
    ).toBe(false);
    const tampered = frame.signedPart.slice();
    tampered[tampered.length - 1] ^= 1;
    expect(verify(frame.signature, frameSignatureMessage(nonce, tampered), keys.publicKey)).toBe(
      false
    );
  });

  it('reject truncated, oversized-header and non-JSON frames', () => {
    expect(() => decodeFrame(new Uint8Array(10))).toThrow(FrameError);
    const good = encodeFrame({ t: 'ok', re: 1 });
    expect(() => decodeFrame(good.subarray(0, good.length - 1))).toThrow(/beyond end/);
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(64, 10_000_000);
    expect(() => decodeFrame(huge)).toThrow(expect.objectContaining({ code: 'too-large' }));
    const garbage = good.slice();
    garbage[68] = 0xff;
    expect(() => decodeFrame(garbage)).toThrow(/not UTF-8 JSON/);
  });

  it('schemas refuse bad batches and unknown message types', () => {
    expect(
      clientHeaderSchema.safeParse({ t: 'push', n: 1, batch: { ...batch, last: 0 } }).success
    ).toBe(false);
    expect(
      clientHeaderSchema.safeParse({ t: 'push', n: 1, batch: { ...batch, first: 10, last: 9 } })
        .success
    ).toBe(false);
    expect(clientHeaderSchema.safeParse({ t: 'push', n: 0, batch }).success).toBe(false);
    expect(clientHeaderSchema.safeParse({ t: 'drop-table', n: 1 }).success).toBe(false);
    expect(
      clientHeaderSchema.safeParse({ t: 'pull', n: 1, vector: { 'device-aaaaaaaa': -1 } }).success
    ).toBe(false);
    expect(
      relayHeaderSchema.safeParse({ t: 'error', code: 'gap', message: 'x', have: 3 }).success
    ).toBe(true);
    expect(relayHeaderSchema.safeParse({ t: 'error', code: 'nope', message: 'x' }).success).toBe(
      false
    );
  });
});
