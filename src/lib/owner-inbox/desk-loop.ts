/**
 * The desk's owner-inbox loop (issue 16 §2, §3), started by the staff layout while someone who
 * may take submissions is signed in: a long poll of the relay's inbox (a submission shows on
 * the desk within a round trip of the owner sending it), and status updates published whenever
 * requests or submissions change.
 */
import { liveQuery } from 'dexie';
import { canWrite } from '$lib/domain/roles';
import { database, type GuanjiaDexie } from '$lib/db/database';
import type { Actor } from '$lib/db/write';
import { applyWaitingRatings } from '$lib/db/actions/owner-inbox';
import { takeSurveySubmissions } from '$lib/db/actions/survey-intake';
import { ensureLinksOpen, fetchOwnerInbox, publishOwnerStatuses } from './intake';
import { keepSurveyLinks } from './survey-links';

/** Long-poll length; the relay caps it at 25 s. */
const WAIT_SECONDS = 20;
/** After a failure (relay unreachable, refused): try again after this long. */
const RETRY_MS = 5_000;
/** No relay set yet, or one that answered an empty poll at once: look again after this long
 * (without it the loop asked the database again and again, a core at 100 %). */
const IDLE_MS = 2_000;

/** A device that knows it is offline cannot reach the relay: it waits for the network instead of
 * sending requests that can only fail (and would fill the console every few seconds). */
const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
const online = () =>
  new Promise<void>((resolve) => {
    if (!offline()) return resolve();
    addEventListener('online', () => resolve(), { once: true });
  });

export interface InboxLoop {
  stop(): void;
}

export function startInboxLoop(actor: Actor, db: GuanjiaDexie = database()): InboxLoop {
  if (!canWrite(actor.role, 'ownerSubmission', 'create')) return { stop: () => undefined };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });

  void (async () => {
    await online();
    if (stopped) return;
    await ensureLinksOpen({ db }).catch(() => undefined);
    await keepSurveyLinks({ db }).catch(() => undefined);
    // Survey answers another device stored but could not take yet (its survey not synced).
    await takeSurveySubmissions(actor, { db }).catch(() => undefined);
    while (!stopped) {
      if (offline()) {
        await online();
        continue;
      }
      try {
        // No relay set answers 0 at once, like a relay that does not wait: both pause.
        const asked = Date.now();
        const stored = await fetchOwnerInbox(actor, { db, waitSeconds: WAIT_SECONDS });
        if (stored === 0 && Date.now() - asked < IDLE_MS) await pause(IDLE_MS);
      } catch {
        if (!stopped) await pause(RETRY_MS);
      }
    }
  })();

  // Publishing follows the records: any change to requests, their steps or submissions.
  let publishing = false;
  let again = false;
  const publish = async () => {
    if (offline()) return;
    if (publishing) return void (again = true);
    publishing = true;
    try {
      do {
        again = false;
        await publishOwnerStatuses({ db }).catch(() => undefined);
      } while (again && !stopped);
    } finally {
      publishing = false;
    }
  };
  const subscription = liveQuery(() =>
    Promise.all([
      db.ticketEvent.count(),
      db.ownerSubmission.toCollection().primaryKeys(),
      db.ownerSubmission.where('state').equals('accepted').count()
    ])
  ).subscribe({
    next: () => {
      // A rating fetched before its request reached this device lands once the request does.
      void applyWaitingRatings(actor, { db })
        .catch(() => 0)
        .then(() => publish());
    },
    error: () => undefined
  });
  // Offline a while: what changed meanwhile goes out when the relay answers again.
  const interval = setInterval(() => void publish(), 60_000);
  const onOnline = () => void publish();
  addEventListener('online', onOnline);

  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(interval);
      removeEventListener('online', onOnline);
      subscription.unsubscribe();
    }
  };
}
