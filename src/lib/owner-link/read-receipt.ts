/**
 * The owner page's one anonymous "opened" for a notice with read receipts on
 * (receipt-format.ts): a POST of the link's tag to the relay the signed notice names, no body,
 * no cookies, no referrer. A phone counts once per notice, whichever building's poster or chat
 * link it came from: the notice ids it told are kept on the phone. Offline, nothing happens and
 * nothing is kept, so a later open counts.
 */
import type { OwnerNotice } from './payload';
import type { PinStore } from './pinning';
import { RECEIPTS_PATH, RECEIPT_TAG } from './receipt-format';

const KEY = 'guanjia.owner.read';
/** Notices remembered as told: a phone reads far fewer in the relay's counting window. */
const REMEMBERED = 200;

export type ReadReceipt = 'counted' | 'already' | 'off' | 'failed';

function told(store: PinStore): string[] {
  try {
    const list: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export async function tellRead(
  notice: OwnerNotice,
  tag: string | undefined,
  store: PinStore | undefined,
  fetcher: typeof fetch = fetch
): Promise<ReadReceipt> {
  if (!notice.receipts || !tag || !RECEIPT_TAG.test(tag)) return 'off';
  // Without storage (private browsing) the phone could not tell it already counted: no ping.
  if (!store) return 'off';
  const ids = told(store);
  if (ids.includes(notice.id)) return 'already';
  let status: number;
  try {
    const response = await fetcher(
      `${notice.receipts.replace(/\/+$/, '')}${RECEIPTS_PATH}/${tag}`,
      {
        method: 'POST',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        keepalive: true
      }
    );
    status = response.status;
  } catch {
    return 'failed';
  }
  // 404: the relay no longer counts this tag; asking again would not change that.
  if (status !== 204 && status !== 200 && status !== 404) return 'failed';
  try {
    store.setItem(KEY, JSON.stringify([...ids, notice.id].slice(-REMEMBERED)));
  } catch {
    // storage refused: at worst this phone counts again next time
  }
  return 'counted';
}
