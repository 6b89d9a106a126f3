/**
 * The desk's side of the owner inbox (issue 16 §2, §3): fetch the sealed submissions from the
 * relay, open them with the office's inbox key, store them as records (photos as blobs, synced
 * to the other tablets), and only then ask the relay to delete them. And the other way: publish
 * each request's status for the owner's status link when it changes.
 */
import type { OwnerLink } from '$lib/domain/records/owner-link';
import type { OwnerSubmission } from '$lib/domain/records/owner-submission';
import { foldEvents, type TimelineEvent } from '$lib/domain/tickets/fold';
import type { Ticket } from '$lib/domain/records/ticket';
import { putBlob, sha256Hex } from '$lib/db/blobs';
import { database, type GuanjiaDexie } from '$lib/db/database';
import {
  applyRating,
  createOwnerLink,
  storeSubmissions,
  type OwnerLinkForm
} from '$lib/db/actions/owner-inbox';
import { takeSurveySubmissions } from '$lib/db/actions/survey-intake';
import { contextOf } from '$lib/db/actions/tickets-index';
import { getShortLinkRelay } from '$lib/db/queries/notices';
import type { Actor } from '$lib/db/write';
import { withoutClocks } from '$lib/oplog/format';
import { ownerLinkKeys } from '$lib/owner-link/local-key';
import { relayHttpUrl, relaySocketUrl } from '$lib/owner-link/relay-put';
import { fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8 } from '$lib/sync/crypto/bytes';
import { loadRelayUrl } from '$lib/sync/relay-url';
import { deleteFromInbox, listInbox, openLinkTags, publishStatus } from './client';
import { LINK_TAG_BYTES } from './format';
import { encodeFormLink } from './form-link-sign';
import {
  MAX_PHOTO_BYTES,
  ratingDataSchema,
  requestDataSchema,
  submissionEnvelopeSchema,
  type StatusUpdate
} from './payload';
import { inboxKeyPair, openFromInbox, sealStatus } from './seal';
import { ownerReply, ownerState } from './status-of';

/** The relay the office's owner links point at: the sync relay, else the notices' one. */
export async function inboxRelay(db: GuanjiaDexie = database()): Promise<string> {
  const relay = (await loadRelayUrl(db)) || (await getShortLinkRelay(db));
  if (!relay) return '';
  try {
    return relayHttpUrl(relaySocketUrl(relay));
  } catch {
    return '';
  }
}

type NewSubmission = Partial<OwnerSubmission> &
  Pick<OwnerSubmission, 'id' | 'type' | 'tag' | 'receivedAt' | 'sentAt'>;

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** One opened item as a record, or undefined when it is not for us or not well-formed. */
async function recordOf(
  item: { tag: string; at: number; body: Uint8Array },
  inbox: ReturnType<typeof inboxKeyPair>,
  links: Map<string, string>,
  db: GuanjiaDexie
): Promise<NewSubmission | undefined> {
  let envelope;
  try {
    const parsed = submissionEnvelopeSchema.safeParse(
      JSON.parse(fromUtf8(openFromInbox(inbox, item.body)))
    );
    if (!parsed.success) return undefined;
    envelope = parsed.data;
  } catch {
    return undefined;
  }
  // The same sealed bytes give the same record on every device (two fetching at once).
  const id = `os${(await sha256Hex(item.body)).slice(0, 30)}`;
  const base = {
    id,
    type: envelope.type,
    tag: item.tag,
    linkId: links.get(item.tag),
    receivedAt: item.at,
    sentAt: envelope.at,
    state: 'new' as const
  };
  if (envelope.type === 'request') {
    const data = requestDataSchema.safeParse(envelope.data);
    if (!data.success) return undefined;
    const photos: string[] = [];
    for (const photo of data.data.photos) {
      const bytes = fromBase64Url(photo.data);
      // Only JPEG of a phone photo's size: nothing else an owner sends becomes a file here.
      if (isJpeg(bytes) && bytes.length <= MAX_PHOTO_BYTES)
        photos.push(await putBlob(bytes, 'image/jpeg', db));
    }
    return {
      ...base,
      kind: data.data.kind,
      text: data.data.text,
      name: data.data.name ?? '',
      phone: data.data.phone ?? '',
      place: data.data.place ?? '',
      photos,
      statusId: data.data.status.id,
      statusKey: data.data.status.key
    };
  }
  if (envelope.type === 'rating') {
    const data = ratingDataSchema.safeParse(envelope.data);
    if (!data.success) return undefined;
    return { ...base, statusId: data.data.status, score: data.data.score, text: data.data.comment };
  }
  const data = envelope.data;
  return {
    ...base,
    data:
      data && typeof data === 'object' && !Array.isArray(data)
        ? (data as Record<string, unknown>)
        : {}
  };
}

export interface FetchOptions {
  db?: GuanjiaDexie;
  fetcher?: typeof fetch;
  /** Long poll: wait this many seconds for a submission when none waits. */
  waitSeconds?: number;
}

/**
 * One round: list, open, store, delete. Returns how many new records it stored. What cannot be
 * opened (not sealed to this office, malformed) is deleted too: it would block the queue.
 */
export async function fetchOwnerInbox(actor: Actor, options: FetchOptions = {}): Promise<number> {
  const db = options.db ?? database();
  const relay = await inboxRelay(db);
  if (!relay) return 0;
  const keys = await ownerLinkKeys(db);
  const inbox = inboxKeyPair(keys.office.secretKey);
  const items = await listInbox(relay, keys, options.fetcher, options.waitSeconds);
  if (!items.length) return 0;
  const links = new Map((await db.ownerLink.toArray()).map((l) => [String(l.tag), l.id]));
  const records: NewSubmission[] = [];
  for (const item of items) {
    const record = await recordOf(item, inbox, links, db);
    if (record) records.push(record);
  }
  const stored = await storeSubmissions(actor, records, db);
  // Stored (IndexedDB committed): the relay may forget them now.
  await deleteFromInbox(
    relay,
    keys,
    items.map((item) => item.id),
    options.fetcher
  );
  for (const record of records)
    if (record.type === 'rating') await applyRating(actor, record.id, { db }).catch(() => false);
  // Survey answers by link become the households' answers at once (issue 16 §5).
  if (records.some((r) => r.type === 'survey')) await takeSurveySubmissions(actor, { db });
  return stored;
}

const PUBLISHED_KEY = 'owner-inbox.published';
/** Kept on the relay as long as an owner may look: a year. */
const STATUS_TTL_SECONDS = 366 * 24 * 3600;

/** What each status link should say now, from the submissions and their requests. */
async function statusesNow(
  db: GuanjiaDexie
): Promise<Map<string, { key: string; update: StatusUpdate }>> {
  const out = new Map<string, { key: string; update: StatusUpdate }>();
  const submissions = (
    await db.ownerSubmission.where('state').anyOf('new', 'accepted', 'read').toArray()
  ).filter(
    (s) => s.type === 'request' && typeof s.statusId === 'string' && typeof s.statusKey === 'string'
  );
  const ratings = new Set(
    (await db.ownerSubmission.where('state').equals('accepted').toArray())
      .filter((s) => s.type === 'rating')
      .map((s) => String(s.statusId))
  );
  for (const s of submissions) {
    let update: StatusUpdate = {
      state: 'received',
      number: '',
      reply: '',
      at: Number(s.createdAt),
      rated: false
    };
    if (typeof s.ticketId === 'string') {
      const ticket = await db.ticket.get(s.ticketId);
      if (ticket) {
        const t = withoutClocks(ticket) as unknown as Ticket;
        const events = (await db.ticketEvent.where('ticketId').equals(t.id).toArray()).map(
          (e) => withoutClocks(e) as unknown as TimelineEvent
        );
        const summary = foldEvents(contextOf(t), events);
        const state = ownerState(summary);
        update = {
          state,
          number: t.number,
          reply: state === 'done' || state === 'closed' ? ownerReply(events) : '',
          at: summary.lastEventAt ?? Number(s.createdAt),
          rated: summary.rating !== undefined || ratings.has(String(s.statusId))
        };
      }
    }
    out.set(String(s.statusId), { key: String(s.statusKey), update });
  }
  return out;
}

/** Publishes the status of every submission whose owner-visible state changed; how many. */
export async function publishOwnerStatuses(options: FetchOptions = {}): Promise<number> {
  const db = options.db ?? database();
  const relay = await inboxRelay(db);
  if (!relay) return 0;
  const entry = await db.local.get(PUBLISHED_KEY);
  const published: Record<string, string> =
    entry && typeof entry.value === 'object' && entry.value
      ? { ...(entry.value as Record<string, string>) }
      : {};
  const now = await statusesNow(db);
  let count = 0;
  let keys;
  for (const [statusId, { key, update }] of now) {
    const mark = `${update.state}|${update.number}|${update.reply}|${update.rated}`;
    if (published[statusId] === mark) continue;
    keys ??= await ownerLinkKeys(db);
    const sealed = sealStatus(
      statusId,
      fromBase64Url(key),
      utf8(JSON.stringify(update)),
      keys.office.secretKey
    );
    await publishStatus(relay, keys, statusId, sealed, STATUS_TTL_SECONDS, options.fetcher);
    published[statusId] = mark;
    count++;
  }
  if (count) await db.local.put({ key: PUBLISHED_KEY, value: published });
  return count;
}

/** Link tags stay open about three years; the desk opens them again each time it starts. */
const LINK_TTL_SECONDS = 3 * 365 * 24 * 3600;

/** Opens every link of the office that is not closed (idempotent; cheap). */
export async function ensureLinksOpen(options: FetchOptions = {}): Promise<void> {
  const db = options.db ?? database();
  const relay = await inboxRelay(db);
  if (!relay) return;
  const tags = (await db.ownerLink.toArray())
    .filter((l) => !l.deleted && !l.closed)
    .map((l) => String(l.tag));
  if (!tags.length) return;
  const keys = await ownerLinkKeys(db);
  for (let i = 0; i < tags.length; i += 1000)
    await openLinkTags(relay, keys, tags.slice(i, i + 1000), LINK_TTL_SECONDS, options.fetcher);
}

export function newLinkTag(): string {
  return toBase64Url(randomBytes(LINK_TAG_BYTES));
}

/** Makes a link (record first, so it is never lost) and opens its tag on the relay. */
export async function createLink(
  actor: Actor,
  input: OwnerLinkForm,
  db: GuanjiaDexie = database()
): Promise<{ id: string; opened: boolean }> {
  const tag = newLinkTag();
  const id = await createOwnerLink(actor, input, tag, { db });
  const relay = await inboxRelay(db);
  if (!relay) return { id, opened: false };
  try {
    await openLinkTags(relay, await ownerLinkKeys(db), [tag], LINK_TTL_SECONDS);
    return { id, opened: true };
  } catch {
    return { id, opened: false };
  }
}

/**
 * The signed URL a link's QR code carries: `<pages>/r/#f1.…`. Undefined without a relay (the
 * phone would have nowhere to send).
 */
export async function formLinkUrl(
  link: OwnerLink,
  ownerPageUrl: string,
  db: GuanjiaDexie = database()
): Promise<string | undefined> {
  const relay = await inboxRelay(db);
  if (!relay) return undefined;
  const keys = await ownerLinkKeys(db);
  const fragment = encodeFormLink(
    {
      r: relay,
      t: link.tag,
      i: toBase64Url(inboxKeyPair(keys.office.secretKey).publicKey),
      o: toBase64Url(keys.office.publicKey),
      l: link.id,
      n: link.label,
      k: link.kinds,
      a: { name: link.askName, phone: link.askPhone },
      ...(link.kind === 'box' ? { b: true } : {})
    },
    keys.office.secretKey
  );
  return `${ownerPageUrl}#${fragment}`;
}
