/**
 * The owner phone's outbox (issue 16 §1: "works offline on the phone and sends when it can"):
 * sealed submissions wait in localStorage — ciphertext only, so a shared phone shows nobody
 * what was written — and go when the phone is online (at page start, on `online`, on retry).
 * Any owner page (request form, survey) queues through it.
 */
import { fromBase64Url, toBase64Url, utf8 } from '../sync/crypto/bytes';
import { sendSealed, type SendResult } from './phone';
import { sealToInboxWeb } from './seal-web';

const KEY = 'guanjia.owner.outbox';

export interface Waiting {
  /** Local id (the status id for a request), to tell the page which one went. */
  id: string;
  relay: string;
  tag: string;
  sealed: string;
}

export interface OutboxStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Seals `{ v: 1, type, at, data }` to the office's inbox key (base64url). */
export function sealSubmission(
  inboxPublic: string,
  type: string,
  data: unknown,
  at: number
): Promise<Uint8Array> {
  return sealToInboxWeb(fromBase64Url(inboxPublic), utf8(JSON.stringify({ v: 1, type, at, data })));
}

export function waiting(store: OutboxStore): Waiting[] {
  try {
    const list: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? (list as Waiting[]) : [];
  } catch {
    return [];
  }
}

/** Keeps it until sent; throws when the phone's storage is full (the page says so). */
export function queue(store: OutboxStore, item: Omit<Waiting, 'sealed'> & { sealed: Uint8Array }) {
  store.setItem(
    KEY,
    JSON.stringify([...waiting(store), { ...item, sealed: toBase64Url(item.sealed) }])
  );
}

/** The last sending run (its results, with those of the runs it waited for). */
let flushing: Promise<Map<string, SendResult>> = Promise.resolve(new Map());

async function sendAll(store: OutboxStore, fetcher: typeof fetch) {
  const results = new Map<string, SendResult>();
  for (const item of waiting(store)) {
    const result = await sendSealed(item.relay, item.tag, fromBase64Url(item.sealed), fetcher);
    results.set(item.id, result);
    if (result === 'offline' || result === 'busy') break;
    // Sent, or refused for good (closed link, too large): either way it leaves the outbox.
    store.setItem(KEY, JSON.stringify(waiting(store).filter((w) => w.id !== item.id)));
  }
  return results;
}

/**
 * Sends what waits, oldest first; stops at the first that cannot go now. Results by id.
 * One run at a time (a tap and the `online` event together): a call during a run waits for it
 * and then sends what is left — it used to get the running call's results, so a submission
 * queued while the page-start run was still sending an older one stayed on the phone until
 * the page was opened again.
 */
export function flush(
  store: OutboxStore,
  fetcher: typeof fetch = fetch
): Promise<Map<string, SendResult>> {
  // The earlier run's results come along: what it sent may be the caller's (queued just
  // before that run read the outbox).
  const run = flushing.then(
    async (earlier) => new Map([...earlier, ...(await sendAll(store, fetcher))])
  );
  flushing = run.catch(() => new Map());
  return run;
}
