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
import { packedOf, unpackRowOps } from '$lib/oplog/packed';

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

/** Seqs 1..last of `a`, whose plaintext is `plain` as given, encrypted and signed by `a`. */
async function signedBatch(a: OfficeKeys, plain: Uint8Array, last: number) {
  const meta: BatchMeta = {
    office: a.office,
    device: a.device,
    first: 1,
    last,
    epoch: 1,
    schema: 1
  };
  const body = await encryptBatch(a.epochs[0], meta, plain);
  const { office: _office, ...wire } = meta;
  void _office;
  return { meta: { ...wire, sig: signBatch(meta, body, a.deviceSecret) }, body };
}

describe('sealed batches', () => {
  it('a one-field edit: compact, not deflated, ~130 bytes of plaintext; the reader gets the same chunks', async () => {
    const { a, b } = office();
    const chunks = edits(a, 7, 1);
    const sealed = await sealChunks(a, chunks, 1);
    const { sig: _sig, ...meta } = sealed.meta;
    void _sig;
    const plain = await plaintextOf(a, sealed.body, meta);
    expect(plain[0]).toBe(0x16); // chunks packed one by one, not deflated
    expect(sealed.body.length).toBeLessThan(12 + 16 + 1 + 140 + 200); // incl. the certificate
    expect(await openSealed(b, sealed)).toEqual(chunks);
  });

  it('a batch of many small edits is deflated as a whole', async () => {
    const { a, b } = office();
    const chunks = edits(a, 1, 200);
    const sealed = await sealChunks(a, chunks, 1);
    const { sig: _sig, ...meta } = sealed.meta;
    void _sig;
    expect((await plaintextOf(a, sealed.body, meta))[0]).toBe(0x1e);
    expect(await openSealed(b, sealed)).toEqual(chunks);
    expect(sealed.body.length).toBeLessThan(JSON.stringify(chunks).length / 4);
  });

  it('a large chunk (an import, a catch-up) is deflated on its own, and the reader keeps its bytes for the log', async () => {
    const { a, b } = office();
    const rows = edits(a, 1, 300).flatMap((c) => c.ops);
    const large: OpChunk = { ...edits(a, 1, 1)[0], last: 300, ops: rows };
    const small = edits(a, 301, 1);
    const sealed = await sealChunks(a, [large, ...small], 1);
    const { sig: _sig, ...meta } = sealed.meta;
    void _sig;
    expect((await plaintextOf(a, sealed.body, meta))[0]).toBe(0x16);
    const opened = await openSealed(b, sealed);
    expect(opened).toEqual([large, ...small]);
    const packed = packedOf(opened[0]);
    expect(packed?.[0]).toBe(0x0e);
    expect(packed && unpackRowOps(packed)).toEqual(rows);
    expect(packedOf(opened[1])).toBeUndefined(); // too small to deflate: stored as it is
    // Passed on in the same bytes, not packed again.
    const again = await sealChunks(b, opened, 1);
    expect(await openSealed(a, again)).toEqual([large, ...small]);
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
    await expect(sealChunks(a, [...edits(a, 1, 1), ...edits(b, 2, 1)], 1)).rejects.toThrow(
      /one device/
    );
  });

  it('still opens a version 1 batch (deflated {cert, chunks})', async () => {
    const { a, b } = office();
    const chunks = edits(a, 1, 3);
    const plain = deflateSync(utf8(JSON.stringify({ cert: a.cert, chunks: chunks.map(toWire) })));
    const opened = await openSealed(b, await signedBatch(a, plain, 3));
    expect(opened).toEqual(chunks);
    expect(SealError).toBeDefined();
  });

  /** A batch of `a`'s whose plaintext is `json` (the certificate added), deflated or not. */
  async function sealedJson(a: OfficeKeys, chunks: string, last: number, deflate: boolean) {
    const json = utf8(`[[${chunks}],${JSON.stringify(a.cert)}]`);
    const content = deflate ? deflateSync(json, { level: 1 }) : json;
    const plain = new Uint8Array(content.length + 1);
    plain[0] = deflate ? 0x0e : 0x06;
    plain.set(content, 1);
    return { size: content.length, batch: await signedBatch(a, plain, last) };
  }
  const chunkOf = (ops: string[]) => `["00000000000:0000","staff-1",1,[${ops.join(',')}]]`;

  it('refuses a batch that inflates past its bound (a zip bomb from a member’s key), as malformed', async () => {
    const { a, b } = office();
    // 80,000 ops of ~1 KB: ~80 MiB of JSON, deflated to well under a batch's 1 MiB; the bound is 64 MiB.
    const op = `["person","r1",{"notes":"${'x'.repeat(1000)}"}]`;
    const bomb = await sealedJson(a, chunkOf(Array(80_000).fill(op)), 80_000, true);
    expect(bomb.size).toBeLessThan(1024 * 1024);
    const error = await openSealed(b, bomb.batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealError);
    expect((error as SealError).reason).toBe('malformed');
    // The same ops, fewer of them, open: the bound is what refused.
    const fine = await sealedJson(a, chunkOf(Array(2).fill(op)), 2, true);
    expect((await openSealed(b, fine.batch))[0].ops).toHaveLength(2);
  }, 30_000); // deflating 80 MiB takes ~1 s here, more on a busy machine

  it('refuses row ops whose fields are not an object of names (array, long name, __proto__)', async () => {
    const { a, b } = office();
    const batchOf = (fields: string) =>
      sealedJson(a, chunkOf([`["person","r1",${fields}]`]), 1, false);
    const opened = await openSealed(b, (await batchOf('{"notes":"好"}')).batch);
    expect(opened[0].ops[0]).toMatchObject({ k: 'row', t: 'person', r: 'r1', f: { notes: '好' } });
    for (const bad of [
      '["notes"]',
      'null',
      '"notes"',
      `{"${'n'.repeat(129)}":1}`,
      '{"__proto__":{"x":1}}'
    ]) {
      const error = await openSealed(b, (await batchOf(bad)).batch).catch((e: unknown) => e);
      expect((error as SealError).reason, bad).toBe('malformed');
    }
  });

  /** A version 3 batch of `a`'s, written by hand: `heads` and each chunk's packed ops. */
  async function packedBatch(a: OfficeKeys, heads: unknown[], parts: Uint8Array[], last: number) {
    const header = utf8(JSON.stringify([heads, a.cert]));
    const size = parts.reduce((n, p) => n + p.length, 0);
    const plain = new Uint8Array(5 + header.length + size);
    plain[0] = 0x16;
    new DataView(plain.buffer).setUint32(1, header.length);
    plain.set(header, 5);
    let at = 5 + header.length;
    for (const part of parts) {
      plain.set(part, at);
      at += part.length;
    }
    return signedBatch(a, plain, last);
  }
  const packedJson = (json: string, deflate = false) => {
    const bytes = deflate ? deflateSync(utf8(json), { level: 1 }) : utf8(json);
    const out = new Uint8Array(bytes.length + 1);
    out[0] = deflate ? 0x0e : 0x06;
    out.set(bytes, 1);
    return out;
  };

  it('refuses a version 3 batch whose header does not match its chunks (counts, sizes, range, bytes)', async () => {
    const { a, b } = office();
    const ops = packedJson('[["person","r1",{"notes":"好"}],["person","r2",{"notes":"好"}]]');
    const head = (count: number, size: number) => ['00000000000:0000', 'staff-1', 1, count, size];
    const reasons = async (batch: Awaited<ReturnType<typeof packedBatch>>) =>
      ((await openSealed(b, batch).catch((e: unknown) => e)) as SealError).reason;

    const fine = await openSealed(b, await packedBatch(a, [head(2, ops.length)], [ops], 2));
    expect(fine[0].ops.map((op) => (op.k === 'row' ? op.r : ''))).toEqual(['r1', 'r2']);

    expect(await reasons(await packedBatch(a, [head(3, ops.length)], [ops], 3))).toBe('malformed');
    expect(await reasons(await packedBatch(a, [head(2, ops.length + 9)], [ops], 2))).toBe(
      'malformed'
    );
    expect(await reasons(await packedBatch(a, [head(2, ops.length)], [ops, ops], 2))).toBe(
      'malformed'
    );
    expect(await reasons(await packedBatch(a, [head(2, ops.length)], [ops], 1))).toBe(
      'wrong-range'
    );
    expect(await reasons(await packedBatch(a, [head(2, ops.length)], [ops], 5))).toBe(
      'wrong-range'
    );
    const unknown = ops.slice();
    unknown[0] = 0x00;
    expect(await reasons(await packedBatch(a, [head(2, ops.length)], [unknown], 2))).toBe(
      'malformed'
    );
    const proto = packedJson('[["person","r1",{"__proto__":{"x":1}}]]');
    expect(await reasons(await packedBatch(a, [head(1, proto.length)], [proto], 1))).toBe(
      'malformed'
    );
    expect(
      await reasons(await packedBatch(a, [['x', 'staff-1', 1, 2, ops.length]], [ops], 2))
    ).toBe('malformed');
  });

  it('refuses a version 3 chunk that inflates past the batch’s bound, as malformed', async () => {
    const { a, b } = office();
    const op = `["person","r1",{"notes":"${'x'.repeat(1000)}"}]`;
    const bomb = packedJson(`[${Array(80_000).fill(op).join(',')}]`, true);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const head = ['00000000000:0000', 'staff-1', 1, 80_000, bomb.length];
    const error = await openSealed(b, await packedBatch(a, [head], [bomb], 80_000)).catch(
      (e: unknown) => e
    );
    expect((error as SealError).reason).toBe('malformed');
  }, 30_000); // deflating 80 MiB takes ~1 s here, more on a busy machine
});
