import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '$lib/oplog/hlc';
import type { OpChunk } from '$lib/oplog/format';
import {
  decryptBatch,
  encryptBatch,
  keyringOf,
  newDeviceId,
  signBatch,
  utf8,
  type BatchMeta
} from './crypto';
import { createOfficeKeys, deviceIdentity, type OfficeKeys } from './office-keys';
import { openSealed, SealError, sealChunks } from './seal';
import { learnSigner } from './signers';
import { toWire } from './wire-chunk';

/** An office of two devices: `a` seals, `b` opens. */
function office(): { a: OfficeKeys; b: OfficeKeys } {
  const a = createOfficeKeys(newDeviceId());
  const b = { ...a, ...deviceIdentity(a.officeSecret as Uint8Array, a.office, newDeviceId()) };
  return { a, b };
}

function edits(keys: OfficeKeys, first: number, count: number, notes = '张三的备注'): OpChunk[] {
  return Array.from({ length: count }, (_, i) => ({
    device: keys.device,
    first: first + i,
    last: first + i,
    hlc: encodeHlc({ wall: Date.UTC(2026, 5, 1) + i, counter: 0, device: keys.device }),
    actor: 'staff-1',
    sv: 1,
    ops: [
      {
        k: 'row' as const,
        t: 'person',
        r: `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`,
        f: { notes: `${notes} ${i}`, updatedAt: 1_780_000_000_000 + i }
      }
    ]
  }));
}

async function plaintextOf(keys: OfficeKeys, body: Uint8Array, meta: Omit<BatchMeta, 'office'>) {
  return decryptBatch(keyringOf(...keys.epochs), { office: keys.office, ...meta }, body);
}

describe('sealed batches', () => {
  it('a one-field edit: compact, not deflated, ~130 bytes of plaintext; the reader gets the same chunks', async () => {
    const { a, b } = office();
    const chunks = edits(a, 7, 1);
    const sealed = await sealChunks(a, chunks, 1);
    const { sig: _sig, ...meta } = sealed.meta;
    void _sig;
    const plain = await plaintextOf(a, sealed.body, meta);
    expect(plain[0]).toBe(0x06); // JSON as is
    expect(sealed.body.length).toBeLessThan(12 + 16 + 1 + 140 + 200); // incl. the certificate
    expect(await openSealed(b, sealed)).toEqual(chunks);
  });

  it('a catch-up batch is deflated', async () => {
    const { a, b } = office();
    const chunks = edits(a, 1, 200);
    const sealed = await sealChunks(a, chunks, 1);
    const { sig: _sig, ...meta } = sealed.meta;
    void _sig;
    expect((await plaintextOf(a, sealed.body, meta))[0]).toBe(0x0e);
    expect(await openSealed(b, sealed)).toEqual(chunks);
  });

  it('without the certificate inside, the reader needs it from elsewhere (hello, relay) first', async () => {
    const { a, b } = office();
    const sealed = await sealChunks(a, edits(a, 1, 2), 1, { certificate: false });
    await expect(openSealed(b, sealed)).rejects.toMatchObject({ reason: 'unknown-signer' });
    expect(learnSigner(b, a.cert)).toBe(true);
    expect(await openSealed(b, sealed)).toHaveLength(2);
  });

  it('refuses a certificate of another office, a forged signature, a batch moved to other seqs', async () => {
    const { a, b } = office();
    const stranger = createOfficeKeys(a.device); // same device id, another office's certificate
    const foreign = await sealChunks(
      { ...a, cert: stranger.cert, deviceSecret: stranger.deviceSecret },
      edits(a, 1, 1),
      1
    );
    await expect(openSealed(b, foreign)).rejects.toMatchObject({ reason: 'bad-certificate' });

    const sealed = await sealChunks(a, edits(a, 1, 1), 1);
    const other = await sealChunks(a, edits(a, 1, 1, '别的'), 1);
    await expect(
      openSealed(b, { meta: { ...sealed.meta, sig: other.meta.sig }, body: sealed.body })
    ).rejects.toMatchObject({ reason: 'bad-signature' });
    await expect(
      openSealed(b, { meta: { ...sealed.meta, first: 2, last: 2 }, body: sealed.body })
    ).rejects.toMatchObject({ reason: 'decrypt' });
    await expect(sealChunks(a, [...edits(a, 1, 1), ...edits(a, 3, 1)], 1)).rejects.toThrow(
      /contiguous/
    );
  });

  it('still opens a version 1 batch (deflated {cert, chunks})', async () => {
    const { a, b } = office();
    const chunks = edits(a, 1, 3);
    const meta: BatchMeta = {
      office: a.office,
      device: a.device,
      first: 1,
      last: 3,
      epoch: 1,
      schema: 1
    };
    const plain = deflateSync(utf8(JSON.stringify({ cert: a.cert, chunks: chunks.map(toWire) })));
    const body = await encryptBatch(a.epochs[0], meta, plain);
    const { office: _office, ...wire } = meta;
    void _office;
    const opened = await openSealed(b, {
      meta: { ...wire, sig: signBatch(meta, body, a.deviceSecret) },
      body
    });
    expect(opened).toEqual(chunks);
    expect(SealError).toBeDefined();
  });
});
