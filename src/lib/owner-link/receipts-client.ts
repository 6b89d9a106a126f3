/**
 * The desk's side of read receipts (receipt-format.ts): new tags, the signed requests that open
 * them on the relay and read their counts. Relative imports: the relay's tests use it too.
 */
import { randomBytes, toBase64Url } from '../sync/crypto/bytes';
import { sign } from '../sync/crypto/signing';
import type { OwnerLinkKeys } from './local-key';
import { postToRelay } from './relay-post';
import {
  RECEIPTS_PATH,
  RECEIPT_TAG_BYTES,
  receiptRequestMessage,
  type ReceiptRequest
} from './receipt-format';

export class ReceiptsError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'refused',
    message: string
  ) {
    super(message);
  }
}

export function newReceiptTag(): string {
  return toBase64Url(randomBytes(RECEIPT_TAG_BYTES));
}

/** A request signed by this device, as the relay checks it. */
export function signedReceiptRequest(
  keys: Pick<OwnerLinkKeys, 'officeId' | 'office' | 'device'>,
  op: ReceiptRequest['op'],
  tags: string[],
  ttl: number,
  at: number
): ReceiptRequest {
  const unsigned: Omit<ReceiptRequest, 'sig'> = {
    v: 1,
    op,
    office: keys.officeId,
    officeKey: toBase64Url(keys.office.publicKey),
    cert: keys.device.cert,
    at,
    ttl,
    tags
  };
  const sig = toBase64Url(sign(receiptRequestMessage(unsigned), keys.device.signing.secretKey));
  return { ...unsigned, sig };
}

function post(
  relayHttpUrl: string,
  request: ReceiptRequest,
  fetcher: typeof fetch
): Promise<unknown> {
  return postToRelay(
    relayHttpUrl,
    RECEIPTS_PATH,
    request,
    fetcher,
    (reason, _status, message) => new ReceiptsError(reason, message)
  );
}

/** Opens the tags for `ttlSeconds` (the relay caps it): only open tags count pings. */
export async function openReceiptTags(
  relayHttpUrl: string,
  keys: Pick<OwnerLinkKeys, 'officeId' | 'office' | 'device'>,
  tags: string[],
  ttlSeconds: number,
  now = Date.now(),
  fetcher: typeof fetch = fetch
): Promise<void> {
  await post(relayHttpUrl, signedReceiptRequest(keys, 'open', tags, ttlSeconds, now), fetcher);
}

/** Reads counts; a tag the relay no longer holds (expired) is left out of the answer. */
export async function readReceiptCounts(
  relayHttpUrl: string,
  keys: Pick<OwnerLinkKeys, 'officeId' | 'office' | 'device'>,
  tags: string[],
  now = Date.now(),
  fetcher: typeof fetch = fetch
): Promise<Record<string, number>> {
  const answer = await post(
    relayHttpUrl,
    signedReceiptRequest(keys, 'count', tags, 0, now),
    fetcher
  );
  const counts = (answer as { counts?: unknown }).counts;
  const out: Record<string, number> = {};
  if (counts && typeof counts === 'object')
    for (const [tag, n] of Object.entries(counts))
      if (typeof n === 'number' && tags.includes(tag)) out[tag] = n;
  return out;
}
