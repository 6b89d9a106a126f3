import {
  decryptBatch,
  fromUtf8,
  keyringOf,
  randomBytes,
  toBase64Url
} from '../../src/lib/sync/crypto';
import type { Reply, TestDevice, Op } from './device-client';

/** `count` ops starting at `first`, with random-ish values (they must not compress or repeat). */
export function randomOps(first: number, count: number): Op[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: first + i,
    field: 'note',
    value: toBase64Url(randomBytes(30))
  }));
}

/** What a receiving device does: check the batch decrypts under its metadata, then read the ops. */
export async function openBatch(reader: TestDevice, reply: Reply): Promise<Op[]> {
  if (reply.header.t !== 'batch') throw new Error(`expected a batch, got ${reply.header.t}`);
  const { sig: _sig, ...wire } = reply.header.batch;
  const plaintext = await decryptBatch(
    keyringOf(reader.office.key),
    { office: reader.office.id, ...wire },
    reply.body
  );
  return JSON.parse(fromUtf8(plaintext)) as Op[];
}
