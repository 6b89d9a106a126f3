/**
 * Read receipts of owner notices (issue 8, Build 4: "optional read receipts through the relay,
 * anonymous count per building"): what the owner page, the desk and the relay agree on.
 * Relative imports only: the relay (Node) imports this file too.
 *
 * - A **tag** is 16 random bytes (base64url): one per target building (its lobby poster's QR
 *   code) and one for the link sent to chats, made when the notice is published and kept in the
 *   notice record, so every tablet of the office finds them through sync. It tells the relay
 *   nothing: not the notice, not the building, not the office's other tags.
 * - The tag travels after the signed part of the link (`n1.<signed>.<tag>`,
 *   `s1.<relay>.<hash>.<key>.<tag>`): the same signed notice serves every building. Editing the
 *   tag only moves a count; the relay address the phone pings is inside the signature, so a
 *   forwarded link cannot send phones to someone else's server.
 * - `POST <relay>/r/<tag>`: a phone's one anonymous ping, no body, no cookies.
 * - `POST <relay>/r` with a {@link ReceiptRequest}: a device of the office opens tags
 *   (only open tags count; storage stays bounded) or reads their counts.
 */
import { encodeFields } from '../sync/crypto/bytes';
import type { DeviceCertificate } from '../sync/crypto/identity';

export const RECEIPT_TAG_BYTES = 16;
export const RECEIPT_TAG = /^[A-Za-z0-9_-]{22}$/;
export const RECEIPTS_PATH = '/r';

/** The key of the chat link's tag in a notice's `receiptTags` (the others are building ids). */
export const CHAT_LINK_TAG = '*';

/** Tags in one request: a community's buildings and the chat link, with room to spare. */
export const MAX_TAGS_PER_REQUEST = 500;

/** A signed request is accepted this long around the relay's clock (a tablet's clock drifts). */
export const REQUEST_CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface ReceiptRequest {
  v: 1;
  op: 'open' | 'count';
  office: string;
  /** The office's public key (base64url): the office id is derived from it. */
  officeKey: string;
  cert: DeviceCertificate;
  /** The device's clock, ms: the relay refuses requests far from its own time. */
  at: number;
  /** `open`: how long the counts are kept, seconds (the relay caps it). */
  ttl: number;
  tags: string[];
  /** The device's signature over {@link receiptRequestMessage}, base64url. */
  sig: string;
}

/** What the device signs: every field of the request, under a label no other signature uses. */
export function receiptRequestMessage(request: Omit<ReceiptRequest, 'sig'>): Uint8Array {
  return encodeFields(
    'guanjia/receipts/v1',
    request.office,
    request.officeKey,
    request.cert.device,
    request.op,
    request.at,
    request.ttl,
    request.tags.join('.')
  );
}

/** A fragment without its receipt tag, and the tag (links of notices without receipts have none). */
export function splitReceiptTag(fragment: string): { fragment: string; tag?: string } {
  const parts = fragment.split('.');
  const signedParts = fragment.startsWith('s1.') ? 4 : 2;
  if (parts.length !== signedParts + 1) return { fragment };
  const tag = parts[signedParts];
  if (!RECEIPT_TAG.test(tag)) return { fragment };
  return { fragment: parts.slice(0, signedParts).join('.'), tag };
}

/** An owner link with a receipt tag after its signed part. */
export function withReceiptTag(link: string, tag: string): string {
  return `${link}.${tag}`;
}
