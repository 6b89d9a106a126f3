/**
 * The owner → office inbox (issue 16 §1, §2, §3, §6): what the owner page, the desk and the
 * relay agree on. Relative imports only: the relay (Node) imports this file too.
 *
 * - A **link tag** (16 random bytes, base64url) names one owner link: a lobby poster, a
 *   household's link, the suggestion box. The office opens it on the relay with a signed
 *   request; the relay accepts a phone's submission only on an open tag, and rate-limits per
 *   tag and per address. The tag tells the relay nothing about the poster or the household.
 * - `POST <relay>/o/<tag>` (body: a sealed envelope, seal.ts): a phone's submission. The relay
 *   keeps the bytes in the office's inbox; it cannot read them (X25519 to the office's inbox key).
 * - `GET <relay>/o/s/<statusId>`: the latest status update of one submission, encrypted with a
 *   key only the owner's status link holds and signed by the office.
 * - `POST <relay>/o` with an {@link InboxRequest}: a device of the office opens tags, lists its
 *   inbox, deletes what it has stored, or publishes a status update.
 */
import { encodeFields } from '../sync/crypto/bytes';
import type { DeviceCertificate } from '../sync/crypto/identity';

export const INBOX_PATH = '/o';
export const STATUS_PATH = '/o/s';
export const LINK_TAG_BYTES = 16;
export const LINK_TAG = /^[A-Za-z0-9_-]{22}$/;
export const STATUS_ID = LINK_TAG;

/** Largest sealed submission the relay keeps: text plus up to three compressed photos. */
export const MAX_SUBMISSION_BYTES = 1_500_000;
/** Largest sealed status update (a reply of the office is at most a few thousand characters). */
export const MAX_STATUS_BYTES = 16_384;
/** Tags per request (a community's households, with room to spare). */
export const MAX_TAGS_PER_REQUEST = 2_000;
/** Submissions handed out per `list`. */
export const MAX_LIST = 50;
/** A signed request is accepted this long around the relay's clock (a tablet's clock drifts). */
export const REQUEST_CLOCK_SKEW_MS = 10 * 60 * 1000;

export type InboxOp = 'open' | 'list' | 'delete' | 'status';

export interface InboxRequest {
  v: 1;
  op: InboxOp;
  office: string;
  /** The office's public signing key (base64url): the office id is derived from it. */
  officeKey: string;
  cert: DeviceCertificate;
  /** The device's clock, ms. */
  at: number;
  /** `open`: seconds the tags stay open; `status`: seconds the update is kept (capped). */
  ttl: number;
  /** `open`: link tags; `delete`: submission ids; `status`: the one status id. */
  ids: string[];
  /** `status`: the sealed update (base64url); empty otherwise. */
  body: string;
  /** The device's signature over {@link inboxRequestMessage}, base64url. */
  sig: string;
}

/** What the device signs: every field of the request, under a label no other signature uses. */
export function inboxRequestMessage(request: Omit<InboxRequest, 'sig'>): Uint8Array {
  return encodeFields(
    'guanjia/owner-inbox-request/v1',
    request.office,
    request.officeKey,
    request.cert.device,
    request.op,
    request.at,
    request.ttl,
    request.ids.join('.'),
    request.body
  );
}

/** One sealed submission as `list` hands it to the desk. */
export interface InboxItem {
  /** The relay's id of it (decimal), for `delete`. */
  id: string;
  /** The link tag it came through. */
  tag: string;
  /** When the relay received it, ms. */
  at: number;
  /** The sealed envelope, base64url. */
  body: string;
}
