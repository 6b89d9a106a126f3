/**
 * The owner phone's two calls to the relay (format.ts): send a sealed submission on a link tag,
 * read a sealed status update. No cookies, no referrer; the relay learns only the tag.
 */
import { STATUS_PATH, INBOX_PATH } from './format';

export type SendResult = 'sent' | 'offline' | 'refused' | 'busy';

export async function sendSealed(
  relay: string,
  tag: string,
  sealed: Uint8Array,
  fetcher: typeof fetch = fetch
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetcher(`${relay.replace(/\/+$/, '')}${INBOX_PATH}/${tag}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: sealed as BodyInit,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
  } catch {
    return 'offline';
  }
  if (response.ok) return 'sent';
  // 429 and 507: try again later; anything else will not change by trying again.
  return response.status === 429 || response.status >= 500 ? 'busy' : 'refused';
}

/** The sealed status bytes, undefined when none is published yet; throws when offline. */
export async function fetchStatus(
  relay: string,
  statusId: string,
  fetcher: typeof fetch = fetch
): Promise<Uint8Array | undefined> {
  const response = await fetcher(`${relay.replace(/\/+$/, '')}${STATUS_PATH}/${statusId}`, {
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer'
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`status ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
