import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  verify as nodeVerify,
  type KeyObject
} from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../lib/sync/crypto/bytes';
import {
  deviceCertificateMessage,
  officeIdOf,
  revocationMessage,
  type RevocationList
} from '../lib/sync/crypto/identity';
import {
  batchSignatureMessageOfDigest,
  frameSignatureMessageOfDigest
} from '../lib/sync/crypto/envelope';
import type { BatchMeta } from '../lib/sync/crypto/batch-cipher';
import type { ClientHeader, ErrorCode, Frame, WireBatch } from '../lib/sync/protocol';
import { exchangeKeyOf, FRAME_MAC_LENGTH, sessionKeyInfo } from '../lib/sync/crypto/session-key';
import type { OfficeRow } from './store';

/**
 * Signature checks on the relay, with Node's native Ed25519 (~10× faster than the pure-JS
 * verifier devices use; same standard signatures). The messages signed are built by the
 * shared crypto module, so relay and devices cannot disagree on what is signed.
 */
const keyCache = new Map<string, KeyObject>();

function publicKeyObject(raw: Uint8Array): KeyObject | undefined {
  if (raw.length !== 32) return undefined;
  const x = toBase64Url(raw);
  let key = keyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keyCache.size > 10_000) keyCache.clear(); // bounded: a few hundred devices per relay is the expected scale
    keyCache.set(x, key);
  }
  return key;
}

export function verifySignature(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array
): boolean {
  if (signature.length !== 64) return false;
  const key = publicKeyObject(publicKey);
  if (!key) return false;
  try {
    return nodeVerify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** Native SHA-256: several times faster than the pure-JS one devices use, same digest. */
function digest(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

function decode(text: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    return new Uint8Array(0);
  }
}

export type Rejection = { code: ErrorCode; message: string };
type Hello = Extract<ClientHeader, { t: 'hello' }>;
export interface Identity {
  office: string;
  device: string;
  devicePublicKey: Uint8Array;
  officePublicKey: Uint8Array;
  /** This connection's frame MAC key (crypto/session-key.ts); undefined if agreement failed. */
  sessionKey?: Uint8Array;
}

/** The relay's X25519 key pair for one connection; its public half goes in the challenge. */
export interface ExchangeKey {
  publicKey: Uint8Array;
  privateKey: KeyObject;
}

// DER prefix of a raw X25519 private key (RFC 8410).
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function newExchangeKey(): ExchangeKey {
  // From 32 random bytes (X25519 clamps them), not generateKeyPairSync + export: in Node 20
  // the keygen job, when a GC started by the export's own allocation collects it, locks the
  // key's mutex that the export holds, and the process hangs for good (bench scale's
  // connects: main thread in a futex wait, ~KeyGenJob under ExportJWKEdKey in gdb).
  const privateKey = createPrivateKey({
    key: Buffer.concat([X25519_PKCS8, randomBytes(32)]),
    format: 'der',
    type: 'pkcs8'
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { publicKey: new Uint8Array(spki.subarray(spki.length - 32)), privateKey };
}

/** The key a device derives from `exchange.publicKey` (deviceSessionKey), natively. */
export function relaySessionKey(
  exchange: ExchangeKey,
  devicePublicKey: Uint8Array,
  nonce: Uint8Array,
  office: string,
  device: string
): Uint8Array | undefined {
  try {
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'X25519', x: toBase64Url(exchangeKeyOf(devicePublicKey)) },
      format: 'jwk'
    });
    const shared = diffieHellman({ privateKey: exchange.privateKey, publicKey });
    return new Uint8Array(hkdfSync('sha256', shared, nonce, sessionKeyInfo(office, device), 32));
  } catch {
    return undefined; // not a usable point: the device can still sign its frames
  }
}

export function verifyRevocation(
  officePublicKey: Uint8Array,
  office: string,
  list: RevocationList
): boolean {
  return verifySignature(
    decode(list.sig),
    revocationMessage(office, list.version, list.devices),
    officePublicKey
  );
}

/**
 * Checks a hello against the office as stored (`pinned`, read by the caller) without writing;
 * the caller enrols only if this returns an identity. A newer revocation list carried by the
 * hello is returned for the caller to save.
 */
export function checkHello(
  pinned: OfficeRow | undefined,
  hello: Hello,
  signature: Uint8Array,
  signedPart: Uint8Array,
  nonce: Uint8Array
): { identity: Identity; revocation?: RevocationList } | Rejection {
  const officePublicKey = decode(hello.officeKey);
  if (officePublicKey.length !== 32 || officeIdOf(officePublicKey) !== hello.office) {
    return {
      code: 'wrong-office',
      message: 'office id is not derived from the presented office key'
    };
  }
  const devicePublicKey = decode(hello.cert.key);
  if (
    hello.cert.device !== hello.device ||
    !verifySignature(
      decode(hello.cert.sig),
      deviceCertificateMessage(hello.office, hello.device, devicePublicKey),
      officePublicKey
    )
  ) {
    return { code: 'not-enrolled', message: 'device certificate is not signed by the office key' };
  }
  let revoked = pinned?.revoked ?? new Set<string>();
  let revocation: RevocationList | undefined;
  if (hello.revocation && hello.revocation.version > (pinned?.revocationVersion ?? 0)) {
    if (!verifyRevocation(officePublicKey, hello.office, hello.revocation)) {
      return { code: 'bad-signature', message: 'revocation list is not signed by the office key' };
    }
    revocation = hello.revocation;
    revoked = new Set(revocation.devices);
  }
  if (revoked.has(hello.device))
    return { code: 'revoked', message: `device ${hello.device} is revoked` };
  if (
    !verifySignature(
      signature,
      frameSignatureMessageOfDigest(nonce, digest(signedPart)),
      devicePublicKey
    )
  ) {
    return {
      code: 'bad-signature',
      message: 'hello signature does not match the device key and challenge'
    };
  }
  return {
    identity: { office: hello.office, device: hello.device, devicePublicKey, officePublicKey },
    revocation
  };
}

/** A device frame after the hello: the connection's MAC, or a signature over its challenge. */
export function checkFrame(identity: Identity, frame: Frame, nonce: Uint8Array): boolean {
  if (frame.auth === 'mac') {
    if (!identity.sessionKey || frame.signature.length !== FRAME_MAC_LENGTH) return false;
    const mac = createHmac('sha256', identity.sessionKey)
      .update(frame.signedPart)
      .digest()
      .subarray(0, FRAME_MAC_LENGTH);
    return timingSafeEqual(mac, frame.signature);
  }
  return (
    frame.auth === 'signature' &&
    verifySignature(
      frame.signature,
      frameSignatureMessageOfDigest(nonce, digest(frame.signedPart)),
      identity.devicePublicKey
    )
  );
}

export function checkBatch(
  office: string,
  batch: WireBatch,
  body: Uint8Array,
  authorPublicKey: Uint8Array
): boolean {
  const meta: BatchMeta = {
    office,
    device: batch.device,
    first: batch.first,
    last: batch.last,
    epoch: batch.epoch,
    schema: batch.schema
  };
  return verifySignature(
    decode(batch.sig),
    batchSignatureMessageOfDigest(meta, digest(body)),
    authorPublicKey
  );
}
