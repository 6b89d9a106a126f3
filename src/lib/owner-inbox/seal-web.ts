/**
 * The owner phone's side of seal.ts, in the browser's own WebCrypto (X25519, HKDF, AES-GCM,
 * Ed25519): nothing to download on a current phone. A browser without them (an old WebView,
 * or a plain-http page, which has no `crypto.subtle`) loads seal.ts (@noble) on demand: the
 * same bytes either way.
 */
import { concatBytes, randomBytes, utf8 } from '../sync/crypto/bytes';
import { NONCE_BYTES, SEAL_INFO, SEAL_VERSION, SealError, statusMessage } from './seal-format';

type Bytes = Uint8Array;
const buffer = (bytes: Bytes) => bytes as BufferSource;

function subtle(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

async function webSeal(inboxPublic: Bytes, plaintext: Bytes): Promise<Bytes> {
  const s = subtle();
  if (!s) throw new Error('no WebCrypto');
  const recipient = await s.importKey('raw', buffer(inboxPublic), { name: 'X25519' }, false, []);
  const pair = (await s.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair;
  const ephemeral = new Uint8Array(await s.exportKey('raw', pair.publicKey));
  const shared = await s.deriveBits(
    { name: 'X25519', public: recipient } as EcdhKeyDeriveParams,
    pair.privateKey,
    256
  );
  const ikm = await s.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const key = await s.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: buffer(concatBytes(ephemeral, inboxPublic)),
      info: buffer(utf8(SEAL_INFO))
    },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt']
  );
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = new Uint8Array(
    await s.encrypt({ name: 'AES-GCM', iv: buffer(nonce) }, key, buffer(plaintext))
  );
  return concatBytes(Uint8Array.of(SEAL_VERSION), ephemeral, nonce, ciphertext);
}

/** Seals to the office's inbox key (seal.ts `sealToInbox`). */
export async function sealToInboxWeb(inboxPublic: Bytes, plaintext: Bytes): Promise<Bytes> {
  try {
    return await webSeal(inboxPublic, plaintext);
  } catch {
    const { sealToInbox } = await import('./seal');
    return sealToInbox(inboxPublic, plaintext);
  }
}

export async function verifyEd25519Web(
  signature: Bytes,
  message: Bytes,
  publicKey: Bytes
): Promise<boolean> {
  const s = subtle();
  let key: CryptoKey | undefined;
  try {
    key = await s?.importKey('raw', buffer(publicKey), 'Ed25519', false, ['verify']);
  } catch {
    key = undefined;
  }
  if (s && key) return s.verify('Ed25519', key, buffer(signature), buffer(message));
  const { verifyEd25519 } = await import('./seal');
  return verifyEd25519(signature, message, publicKey);
}

/** Opens a status update (seal.ts `openStatus`): the office's signature, then the key. */
export async function openStatusWeb(
  statusId: string,
  key: Bytes,
  sealed: Bytes,
  officePublic: Bytes
): Promise<Bytes> {
  if (sealed.length < NONCE_BYTES + 16 + 64) throw new SealError('not a status update');
  const box = sealed.subarray(0, sealed.length - 64);
  const signature = sealed.subarray(sealed.length - 64);
  if (!(await verifyEd25519Web(signature, statusMessage(statusId, box), officePublic)))
    throw new SealError('not signed by the office');
  const s = subtle();
  try {
    if (!s) throw new Error('no WebCrypto');
    const aes = await s.importKey('raw', buffer(key), 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(
      await s.decrypt(
        {
          name: 'AES-GCM',
          iv: buffer(box.subarray(0, NONCE_BYTES)),
          additionalData: buffer(utf8(statusId))
        },
        aes,
        buffer(box.subarray(NONCE_BYTES))
      )
    );
  } catch {
    if (s) throw new SealError('cannot open');
    const { openStatusBox } = await import('./seal');
    return openStatusBox(statusId, key, box);
  }
}
