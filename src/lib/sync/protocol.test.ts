import { describe, expect, it } from 'vitest';
import { concatBytes, randomBytes, toBase64Url, utf8 } from './crypto/bytes';
import { frameSignatureMessage } from './crypto/envelope';
import { frameMac } from './crypto/session-key';
import { generateSigningKeyPair, verify } from './crypto/signing';
import {
  clientHeaderSchema,
  decodeFrame,
  encodeFrame,
  encodeMacFrame,
  encodeSignedFrame,
  FrameError,
  relayHeaderSchema,
  type ClientHeader,
  type RelayHeader
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
    expect(frame.auth).toBe('signature');
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

  it('after the hello, a 16-byte MAC under the session key covers header and body', () => {
    const key = randomBytes(32);
    const header: ClientHeader = { t: 'pull', n: 3, vector: { 'device-aaaaaaaa': 4 } };
    const frame = decodeFrame(encodeMacFrame(header, new Uint8Array(0), key));
    expect(frame.auth).toBe('mac');
    expect(frame.signature).toEqual(frameMac(key, frame.signedPart));
    expect(frame.signature).not.toEqual(frameMac(randomBytes(32), frame.signedPart));
    expect(frame.header).toEqual(header);
  });

  it('push, batch and ack headers travel in binary and read back as the same objects', () => {
    const cert = {
      device: batch.device,
      key: toBase64Url(randomBytes(32)),
      sig: toBase64Url(randomBytes(64))
    };
    const headers: object[] = [
      { t: 'push', n: 2 ** 40, batch },
      { t: 'batch', batch },
      { t: 'batch', re: 9, batch: { ...batch, first: 2 ** 50, last: 2 ** 50 + 3 }, cert },
      { t: 'batch', batch: { ...batch, signer: 'device-bbbbbbbb' } },
      { t: 'ack', re: 12, device: batch.device, have: 500 }
    ];
    for (const header of headers) {
      const bytes = encodeFrame(header, randomBytes(10));
      const frame = decodeFrame(bytes);
      expect(frame.header).toEqual(header);
      expect(bytes[1 + 1]).not.toBe(0x7b); // not JSON
      expect(frame.headerBytes).toBeLessThan(JSON.stringify(header).length / 1.5);
    }
    // Own pushes leave the device out: the connection's authenticated device stands for it.
    const own: ClientHeader = { t: 'push', n: 5, batch };
    const short = encodeMacFrame(own, new Uint8Array(0), randomBytes(32), batch.device);
    const long = encodeMacFrame(own, new Uint8Array(0), randomBytes(32));
    expect(short.length).toBe(long.length - 1 - batch.device.length);
    expect(decodeFrame(short, undefined, batch.device).header).toEqual(own);
    expect(() => decodeFrame(short)).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(decodeFrame(long, undefined, 'device-bbbbbbbb').header).toEqual(own);
    const reply: RelayHeader = { t: 'batch', re: 9, batch, cert };
    expect(relayHeaderSchema.parse(decodeFrame(encodeFrame(reply)).header)).toEqual(reply);
    // What does not fit the binary form goes as JSON, unchanged.
    for (const odd of [
      { t: 'push', n: 1, batch: { ...batch, sig: 'short' } },
      { t: 'push', n: 1, batch, extra: true },
      { t: 'batch', batch, cert: { ...cert, device: 'device-cccccccc' } }
    ]) {
      const frame = decodeFrame(encodeFrame(odd));
      expect(frame.header).toEqual(odd);
    }
  });

  it('reject truncated, oversized-header, non-JSON and unknown binary headers', () => {
    expect(() => decodeFrame(new Uint8Array(0))).toThrow(FrameError);
    expect(() => decodeFrame(Uint8Array.of(0xa0))).toThrow(FrameError);
    const good = encodeFrame({ t: 'ok', re: 1 });
    expect(() => decodeFrame(good.subarray(0, good.length - 1))).toThrow(/beyond end/);
    const huge = concatBytes(Uint8Array.of(0xa0, 0x80, 0x80, 0x10), good.subarray(2));
    expect(() => decodeFrame(huge)).toThrow(expect.objectContaining({ code: 'too-large' }));
    const garbage = good.slice();
    garbage[2] = 0xff;
    expect(() => decodeFrame(garbage)).toThrow(expect.objectContaining({ code: 'malformed' }));
    const brokenJson = good.slice();
    brokenJson[3] = 0xff;
    expect(() => decodeFrame(brokenJson)).toThrow(/not UTF-8 JSON/);
    const push = encodeFrame({ t: 'push', n: 1, batch });
    expect(() => decodeFrame(push.subarray(0, push.length - 3))).toThrow(FrameError);
    const tail = concatBytes(Uint8Array.of(0xa0, 3), Uint8Array.of(0x03, 0x01, 0x00));
    expect(() => decodeFrame(tail)).toThrow(FrameError);
  });

  it('still read version 1 frames (files exported before): 64-byte signature, u32 length, JSON', () => {
    const header = { t: 'batch', batch };
    const json = utf8(JSON.stringify(header));
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, json.length);
    const body = randomBytes(20);
    const frame = decodeFrame(concatBytes(new Uint8Array(64), length, json, body));
    expect(frame.version).toBe(1);
    expect(frame.header).toEqual(header);
    expect(frame.body).toEqual(body);
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
