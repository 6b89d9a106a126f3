/**
 * Owner side: read a link's fragment, verify the office's signature, decompress. Kept small:
 * the browser's own DecompressionStream and WebCrypto (Ed25519, SHA-256, AES-GCM); fflate and
 * @noble/curves load only on a browser that lacks them (older WebViews).
 */
import { concatBytes, fromBase64Url, fromUtf8, toHex } from '$lib/sync/crypto/bytes';
import {
  FINGERPRINT_LABEL,
  IV_BYTES,
  PUBLIC_KEY_BYTES,
  SHORT_LINK_AAD,
  SHORT_PREFIX,
  SIGNATURE_BYTES,
  SIGNED_PREFIX,
  formatFingerprint,
  signedMessage
} from './link-format';
import { inflateRaw } from '$lib/sync/crypto/inflate';
import { isOwnerNotice, type OwnerNotice } from './payload';

/** A notice's JSON is a few kilobytes; a link that inflates to more is not one of ours. */
const MAX_NOTICE_BYTES = 1024 * 1024;

export type ReadResult =
  | { status: 'verified'; notice: OwnerNotice; fingerprint: string }
  /** The signature does not match: edited, forged, or cut by a chat app. */
  | { status: 'altered' }
  /** No notice in the link at all. */
  | { status: 'empty' };

export type ShortLinkProblem = 'unreachable' | 'expired';

export class ShortLinkError extends Error {
  constructor(readonly problem: ShortLinkProblem) {
    super(problem);
  }
}

export interface ShortLink {
  relay: string;
  hash: string;
  key: Uint8Array;
}

export function parseShortLink(fragment: string): ShortLink | undefined {
  if (!fragment.startsWith(SHORT_PREFIX)) return undefined;
  const [relay, hash, key] = fragment.slice(SHORT_PREFIX.length).split('.');
  try {
    const url = fromUtf8(fromBase64Url(relay ?? ''));
    if (!/^https?:\/\//.test(url) || !/^[0-9a-f]{64}$/.test(hash ?? '')) return undefined;
    return { relay: url.replace(/\/+$/, ''), hash, key: fromBase64Url(key ?? '') };
  } catch {
    return undefined;
  }
}

async function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array
): Promise<boolean> {
  let key: CryptoKey | undefined;
  try {
    key = await crypto.subtle.importKey('raw', publicKey as BufferSource, 'Ed25519', false, [
      'verify'
    ]);
  } catch {
    key = undefined; // no Ed25519 in this WebCrypto (or no WebCrypto on plain http)
  }
  if (key)
    return crypto.subtle.verify('Ed25519', key, signature as BufferSource, message as BufferSource);
  const { ed25519 } = await import('@noble/curves/ed25519.js');
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** Verifies publicKey ‖ signature ‖ deflated JSON. */
export async function readSigned(signed: Uint8Array): Promise<ReadResult> {
  const head = PUBLIC_KEY_BYTES + SIGNATURE_BYTES;
  if (signed.length <= head) return { status: 'altered' };
  const publicKey = signed.subarray(0, PUBLIC_KEY_BYTES);
  const signature = signed.subarray(PUBLIC_KEY_BYTES, head);
  const compressed = signed.subarray(head);
  if (!(await verifyEd25519(signature, signedMessage(compressed), publicKey)))
    return { status: 'altered' };
  try {
    const notice: unknown = JSON.parse(fromUtf8(await inflateRaw(compressed, MAX_NOTICE_BYTES)));
    if (!isOwnerNotice(notice)) return { status: 'altered' };
    const digest = await sha256(concatBytes(FINGERPRINT_LABEL, publicKey));
    return { status: 'verified', notice, fingerprint: formatFingerprint(digest) };
  } catch {
    return { status: 'altered' };
  }
}

/** A `n1.` fragment (a direct link). */
export async function readFragment(fragment: string): Promise<ReadResult> {
  const text = fragment.replace(/^#/, '');
  if (!text) return { status: 'empty' };
  if (!text.startsWith(SIGNED_PREFIX)) return { status: 'altered' };
  let signed: Uint8Array;
  try {
    signed = fromBase64Url(text.slice(SIGNED_PREFIX.length));
  } catch {
    return { status: 'altered' };
  }
  return readSigned(signed);
}

/**
 * Fetches a short link's ciphertext from the relay, checks it is the one the link names,
 * decrypts and verifies it. Throws ShortLinkError when the relay cannot be reached or no
 * longer holds it; anything tampered with reads as `altered`.
 */
export async function readShortLink(
  link: ShortLink,
  fetcher: typeof fetch = fetch
): Promise<ReadResult> {
  let response: Response;
  try {
    response = await fetcher(`${link.relay}/b/${link.hash}`, { cache: 'no-store' });
  } catch {
    throw new ShortLinkError('unreachable');
  }
  if (response.status === 404) throw new ShortLinkError('expired');
  if (!response.ok) throw new ShortLinkError('unreachable');
  const sealed = new Uint8Array(await response.arrayBuffer());
  if (toHex(await sha256(sealed)) !== link.hash || sealed.length <= IV_BYTES)
    return { status: 'altered' };
  try {
    const key = await crypto.subtle.importKey('raw', link.key as BufferSource, 'AES-GCM', false, [
      'decrypt'
    ]);
    const signed = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(0, IV_BYTES) as BufferSource,
        additionalData: SHORT_LINK_AAD as BufferSource
      },
      key,
      sealed.subarray(IV_BYTES) as BufferSource
    );
    return readSigned(new Uint8Array(signed));
  } catch {
    return { status: 'altered' };
  }
}
