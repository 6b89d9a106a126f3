/**
 * The office's side of the owner inbox (format.ts): signed requests that open link tags, list
 * and delete sealed submissions, and publish sealed status updates. Relative imports: the
 * relay's tests and the benchmarks use it too.
 */
import { fromBase64Url, toBase64Url } from '../sync/crypto/bytes';
import { sign } from '../sync/crypto/signing';
import type { OwnerLinkKeys } from '../owner-link/local-key';
import { postToRelay } from '../owner-link/relay-post';
import { INBOX_PATH, inboxRequestMessage, type InboxItem, type InboxRequest } from './format';

export class InboxError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'refused',
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export type InboxKeys = Pick<OwnerLinkKeys, 'officeId' | 'office' | 'device'>;

export function signedInboxRequest(
  keys: InboxKeys,
  op: InboxRequest['op'],
  ids: string[],
  options: { ttl?: number; body?: Uint8Array; at?: number } = {}
): InboxRequest {
  const unsigned: Omit<InboxRequest, 'sig'> = {
    v: 1,
    op,
    office: keys.officeId,
    officeKey: toBase64Url(keys.office.publicKey),
    cert: keys.device.cert,
    at: options.at ?? Date.now(),
    ttl: options.ttl ?? 0,
    ids,
    body: options.body ? toBase64Url(options.body) : ''
  };
  const sig = toBase64Url(sign(inboxRequestMessage(unsigned), keys.device.signing.secretKey));
  return { ...unsigned, sig };
}

async function post(relay: string, request: InboxRequest, fetcher: typeof fetch) {
  const answer = await postToRelay(
    relay,
    INBOX_PATH,
    request,
    fetcher,
    (reason, status, message) => new InboxError(reason, status, message)
  );
  return answer as Record<string, unknown>;
}

/** Opens link tags for `ttlSeconds` (the relay caps it at about three years). */
export async function openLinkTags(
  relay: string,
  keys: InboxKeys,
  tags: string[],
  ttlSeconds: number,
  fetcher: typeof fetch = fetch
): Promise<void> {
  await post(relay, signedInboxRequest(keys, 'open', tags, { ttl: ttlSeconds }), fetcher);
}

/** The office's oldest waiting sealed submissions (at most 50 per call). */
export async function listInbox(
  relay: string,
  keys: InboxKeys,
  fetcher: typeof fetch = fetch,
  /** When the inbox is empty, wait up to this long for a submission (long poll, ≤ 25 s). */
  waitSeconds = 0
): Promise<(Omit<InboxItem, 'body'> & { body: Uint8Array })[]> {
  const answer = await post(
    relay,
    signedInboxRequest(keys, 'list', [], { ttl: waitSeconds }),
    fetcher
  );
  const items = Array.isArray(answer.items) ? (answer.items as InboxItem[]) : [];
  return items.map((item) => ({ ...item, body: fromBase64Url(item.body) }));
}

/** Deletes submissions the office has stored durably. */
export async function deleteFromInbox(
  relay: string,
  keys: InboxKeys,
  ids: string[],
  fetcher: typeof fetch = fetch
): Promise<void> {
  if (ids.length) await post(relay, signedInboxRequest(keys, 'delete', ids), fetcher);
}

/** Publishes one sealed status update (seal.ts `sealStatus`). */
export async function publishStatus(
  relay: string,
  keys: InboxKeys,
  statusId: string,
  sealed: Uint8Array,
  ttlSeconds: number,
  fetcher: typeof fetch = fetch
): Promise<void> {
  await post(
    relay,
    signedInboxRequest(keys, 'status', [statusId], { ttl: ttlSeconds, body: sealed }),
    fetcher
  );
}
