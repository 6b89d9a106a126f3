import { fromBase64Url, toBase64Url } from './crypto/bytes';

/**
 * Compact binary form of the headers every edit travels with: `push` (device → relay),
 * `batch` (relay → device, device → device) and `ack`. A one-field edit is ~200 bytes of
 * ciphertext and signature; its JSON header was another ~200 (field names, base64 of the
 * 64-byte signature), the binary one is ~100. Other headers stay JSON, readable in a log.
 *
 * The binary form decodes to exactly the object the JSON would have been, and the same zod
 * schemas then validate it; a header that does not fit (an unexpected key, a non-canonical
 * signature string…) is simply sent as JSON. Layout (numbers are unsigned LEB128 varints,
 * strings base64url ASCII with a one-byte length):
 *   push:  0x01, n, batch  — or 0x04, n, batch without its device: the sender's own ops,
 *          the device being the one the connection authenticated (`sender`)
 *   batch: 0x02, flags (1 re, 2 cert, 4 signer), [re], batch, [cert key 32 ‖ sig 64], [signer]
 *   ack:   0x03, re, device, have
 *   batch = device, first, last − first, epoch, schema, sig (64 raw bytes)
 */
export const BINARY_KINDS = { push: 0x01, batch: 0x02, ack: 0x03, pushOwn: 0x04 } as const;

export class HeaderDecodeError extends Error {}

const ID = /^[A-Za-z0-9_-]{1,255}$/;
const canonicalB64 = (text: unknown, length: number): Uint8Array | undefined => {
  if (typeof text !== 'string') return undefined;
  try {
    const bytes = fromBase64Url(text);
    return bytes.length === length && toBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
};
const isCount = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const hasOnly = (o: object, keys: readonly string[]): boolean =>
  Object.keys(o).every((k) => keys.includes(k));

class Writer {
  private readonly out: number[] = [];
  u8(n: number): void {
    this.out.push(n);
  }
  count(n: number): void {
    while (n >= 0x80) {
      this.out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.out.push(n);
  }
  id(text: string): void {
    this.out.push(text.length);
    for (let i = 0; i < text.length; i++) this.out.push(text.charCodeAt(i));
  }
  raw(bytes: Uint8Array): void {
    for (const byte of bytes) this.out.push(byte);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  u8(): number {
    if (this.at >= this.bytes.length) throw new HeaderDecodeError('binary header too short');
    return this.bytes[this.at++];
  }
  count(): number {
    let value = 0;
    for (let shift = 1, i = 0; i < 8; i++, shift *= 0x80) {
      const byte = this.u8();
      value += (byte & 0x7f) * shift;
      if (!(byte & 0x80)) {
        if (!Number.isSafeInteger(value)) break;
        return value;
      }
    }
    throw new HeaderDecodeError('number out of range');
  }
  id(): string {
    return String.fromCharCode(...this.raw(this.u8()));
  }
  raw(length: number): Uint8Array {
    if (this.at + length > this.bytes.length)
      throw new HeaderDecodeError('binary header too short');
    return this.bytes.subarray(this.at, (this.at += length));
  }
  end(): void {
    if (this.at !== this.bytes.length) throw new HeaderDecodeError('bytes after binary header');
  }
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

function writeBatch(w: Writer, batch: unknown, allowSigner: boolean, withDevice = true): boolean {
  if (!isObject(batch)) return false;
  const { device, first, last, epoch, schema, sig, signer } = batch;
  const keys = [
    'device',
    'first',
    'last',
    'epoch',
    'schema',
    'sig',
    ...(allowSigner ? ['signer'] : [])
  ];
  const raw = canonicalB64(sig, 64);
  if (
    !hasOnly(batch, keys) ||
    typeof device !== 'string' ||
    !ID.test(device) ||
    !isCount(first) ||
    !isCount(last) ||
    last < first ||
    !isCount(epoch) ||
    !isCount(schema) ||
    !raw ||
    (signer !== undefined && (typeof signer !== 'string' || !ID.test(signer)))
  )
    return false;
  if (withDevice) w.id(device);
  w.count(first);
  w.count(last - first);
  w.count(epoch);
  w.count(schema);
  w.raw(raw);
  return true;
}

function readBatch(r: Reader, sender?: string): Loose {
  const device = sender ?? r.id();
  const first = r.count();
  const last = first + r.count();
  const epoch = r.count();
  const schema = r.count();
  return { device, first, last, epoch, schema, sig: toBase64Url(r.raw(64)) };
}

/**
 * The binary form of `header`, or undefined when it should travel as JSON. `sender`: the
 * device whose authenticated connection carries it (its own pushes then omit the device).
 */
export function encodeBinaryHeader(header: object, sender?: string): Uint8Array | undefined {
  const h = header as Loose;
  const w = new Writer();
  if (h.t === 'push') {
    if (!hasOnly(h, ['t', 'n', 'batch']) || !isCount(h.n) || !isObject(h.batch)) return undefined;
    const own = sender !== undefined && h.batch.device === sender;
    w.u8(own ? BINARY_KINDS.pushOwn : BINARY_KINDS.push);
    w.count(h.n);
    return writeBatch(w, h.batch, false, !own) ? w.bytes() : undefined;
  }
  if (h.t === 'batch') {
    if (!hasOnly(h, ['t', 're', 'batch', 'cert']) || !isObject(h.batch)) return undefined;
    const { re, cert, batch } = h;
    const signer = batch.signer;
    if (re !== undefined && !isCount(re)) return undefined;
    let certBytes: [Uint8Array, Uint8Array] | undefined;
    if (cert !== undefined) {
      if (!isObject(cert) || !hasOnly(cert, ['device', 'key', 'sig'])) return undefined;
      const key = canonicalB64(cert.key, 32);
      const sig = canonicalB64(cert.sig, 64);
      if (cert.device !== batch.device || !key || !sig) return undefined;
      certBytes = [key, sig];
    }
    w.u8(BINARY_KINDS.batch);
    w.u8((re !== undefined ? 1 : 0) | (certBytes ? 2 : 0) | (signer !== undefined ? 4 : 0));
    if (re !== undefined) w.count(re);
    if (!writeBatch(w, batch, true)) return undefined;
    if (certBytes) certBytes.forEach((part) => w.raw(part));
    if (typeof signer === 'string') w.id(signer);
    return w.bytes();
  }
  if (h.t === 'ack') {
    const { re, device, have } = h;
    if (
      !hasOnly(h, ['t', 're', 'device', 'have']) ||
      !isCount(re) ||
      typeof device !== 'string' ||
      !ID.test(device) ||
      !isCount(have)
    )
      return undefined;
    w.u8(BINARY_KINDS.ack);
    w.count(re);
    w.id(device);
    w.count(have);
    return w.bytes();
  }
  return undefined;
}

/** The header object a binary header stands for (validated by the caller's zod schema). */
export function decodeBinaryHeader(bytes: Uint8Array, sender?: string): Loose {
  const r = new Reader(bytes);
  const kind = r.u8();
  let header: Loose;
  if (kind === BINARY_KINDS.push || kind === BINARY_KINDS.pushOwn) {
    if (kind === BINARY_KINDS.pushOwn && sender === undefined)
      throw new HeaderDecodeError('push of own ops before the hello');
    const n = r.count();
    header = {
      t: 'push',
      n,
      batch: readBatch(r, kind === BINARY_KINDS.pushOwn ? sender : undefined)
    };
  } else if (kind === BINARY_KINDS.batch) {
    const flags = r.u8();
    if (flags & ~7) throw new HeaderDecodeError('unknown batch header flags');
    const re = flags & 1 ? r.count() : undefined;
    const batch = readBatch(r);
    header = { t: 'batch', ...(re !== undefined ? { re } : {}), batch };
    if (flags & 2) {
      const key = toBase64Url(r.raw(32));
      header.cert = { device: batch.device, key, sig: toBase64Url(r.raw(64)) };
    }
    if (flags & 4) batch.signer = r.id();
  } else if (kind === BINARY_KINDS.ack) {
    const re = r.count();
    const device = r.id();
    header = { t: 'ack', re, device, have: r.count() };
  } else throw new HeaderDecodeError(`unknown binary header kind ${kind}`);
  r.end();
  return header;
}
