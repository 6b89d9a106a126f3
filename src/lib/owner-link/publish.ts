import { can } from '$lib/domain/roles';
import type { Notice } from '$lib/domain/records/notice';
import type { Office } from '$lib/domain/records/office';
import type { Settings } from '$lib/domain/records/settings';
import {
  checkNotice,
  chineseCalendar,
  unfilledPlaceholders,
  type RuleBreach
} from '$lib/domain/notices';
import { sealShortLink, shortFragment, signNotice, signedFragment } from './encode';
import { MAX_CHAT_LINK_CHARS } from './link-format';
import { ownerLinkKeys } from './local-key';
import type { OwnerNotice } from './payload';
import type { OwnerLinkKeys } from './local-key';
import { CHAT_LINK_TAG } from './receipt-format';
import { newReceiptTag, openReceiptTags } from './receipts-client';
import { putBlobOnRelay, relayHttpUrl, relaySocketUrl } from './relay-put';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { getOffice, getSettings } from '$lib/db/queries/office';
import { getShortLinkRelay, noticeBuildingIds } from '$lib/db/queries/notices';
import { write, type Actor } from '$lib/db/write';

/*
 * Publishing lives in lib/owner-link, above storage (issue 12 §1): it signs and seals the
 * owner link and talks to the relay, then records the result through write(). lib/db never
 * imports lib/owner-link, so storage and the signing layer do not import each other.
 */

export type PublishProblem =
  | 'forbidden'
  | 'notFound'
  | 'alreadyPublished'
  | 'rules'
  | 'overrideForbidden'
  | 'reasonRequired'
  | 'placeholders';

/** Why a notice was not published; `breaches` lists the rules for 'rules'. */
export class NoticePublishError extends Error {
  constructor(
    readonly problem: PublishProblem,
    readonly breaches: RuleBreach[] = [],
    readonly placeholders: string[] = []
  ) {
    super(`notice not published: ${problem}`);
  }
}

export interface PublishOptions {
  /** Where owner pages live, e.g. `https://desk.example.cn/n/`. */
  ownerPageUrl: string;
  /** Who it is for, in words, as the page and the poster say it ("全体业主", "3栋、5栋"). */
  audience: string;
  communityName: string;
  /** The manager's reason for publishing despite the rules; required when a rule is broken. */
  overrideReason?: string;
  now?: number;
}

export interface Published {
  link: string;
  /** True when the link is a relay short link. */
  short: boolean;
  /** True when the link is over the chat limit and no relay could take it. */
  tooLong: boolean;
  /** Why the relay could not take it, when it could not. */
  relayError?: string;
  /** Why read counts asked for could not be turned on (the notice went out without them). */
  receiptsError?: { reason: 'noRelay' } | { reason: 'relay'; message: string };
}

interface Receipts {
  relay: string;
  /** Tag by building id, and the chat link's under CHAT_LINK_TAG. */
  tags: Record<string, string>;
}

/**
 * Opens a tag per building and one for the chat link on the relay (issue 8 Build 4): only
 * open tags count, and the relay caps how long. Before signing, so the signed notice names
 * the relay only when it counts.
 */
async function openReceipts(
  notice: Notice,
  relay: string,
  keys: OwnerLinkKeys,
  ttlSeconds: number,
  now: number,
  db: GuanjiaDexie
): Promise<Receipts> {
  const buildings = await noticeBuildingIds(notice, db);
  const tags = Object.fromEntries([CHAT_LINK_TAG, ...buildings].map((k) => [k, newReceiptTag()]));
  const http = relayHttpUrl(relaySocketUrl(relay));
  await openReceiptTags(http, keys, Object.values(tags), ttlSeconds, now);
  return { relay: http, tags };
}

export function ownerPayload(
  notice: Notice,
  office: Office,
  settings: Settings,
  options: PublishOptions,
  publishedAt: number,
  receiptRelay?: string
): OwnerNotice {
  return {
    v: 1,
    id: notice.id,
    office: office.name,
    department: office.department || undefined,
    phone: office.phone || undefined,
    community: options.communityName,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    startsAt: notice.startsAt,
    endsAt: notice.endsAt,
    audience: options.audience,
    publishedAt,
    zone: settings.timeZone,
    receipts: receiptRelay
  };
}

/**
 * Publishes a notice now (001 §4.2): checks the lead-time rules at this moment — a broken
 * rule needs the manager and a reason, kept with the original — signs the owner link, and
 * sends a link too long for chat apps to the relay as a short link when the office has one.
 */
export async function publishNotice(
  actor: Actor,
  id: string,
  options: PublishOptions,
  db: GuanjiaDexie = database()
): Promise<Published> {
  const now = options.now ?? Date.now();
  if (!can(actor.role, 'publishNotice')) throw new NoticePublishError('forbidden');
  const row = await db.notice.get(id);
  if (!row || row.deleted) throw new NoticePublishError('notFound');
  const notice = row as unknown as Notice;
  if (notice.publishedAt !== undefined) throw new NoticePublishError('alreadyPublished');

  const placeholders = unfilledPlaceholders(`${notice.title}\n${notice.body}`);
  if (placeholders.length) throw new NoticePublishError('placeholders', [], placeholders);

  const [office, settings] = await Promise.all([getOffice(db), getSettings(db)]);
  if (!office) throw new NoticePublishError('notFound');
  const breaches = checkNotice(notice, now, settings, chineseCalendar);
  const reason = options.overrideReason?.trim();
  if (breaches.length) {
    if (reason === undefined) throw new NoticePublishError('rules', breaches);
    if (!can(actor.role, 'overrideNoticeRule'))
      throw new NoticePublishError('overrideForbidden', breaches);
    if (!reason) throw new NoticePublishError('reasonRequired', breaches);
  }

  const keys = await ownerLinkKeys(db);
  const relay = await getShortLinkRelay(db);
  // Kept as long as the original (001 篇2); the relay caps it at its own maximum.
  const ttl = settings.noticeArchiveDays * 24 * 3600;
  let receipts: Receipts | undefined;
  let receiptsError: Published['receiptsError'];
  if (notice.receipts && !relay) receiptsError = { reason: 'noRelay' };
  else if (notice.receipts) {
    try {
      receipts = await openReceipts(notice, relay, keys, ttl, now, db);
    } catch (error) {
      receiptsError = {
        reason: 'relay',
        message: error instanceof Error ? error.message : String(error)
      };
    }
  }
  const signed = signNotice(
    ownerPayload(notice, office, settings, options, now, receipts?.relay),
    keys.office.secretKey
  );
  let link = options.ownerPageUrl + '#' + signedFragment(signed);
  let short = false;
  let relayError: string | undefined;
  if (link.length > MAX_CHAT_LINK_CHARS && relay) {
    try {
      const socket = relaySocketUrl(relay);
      const sealed = await sealShortLink(signed);
      const { hash } = await putBlobOnRelay(socket, keys, sealed.ciphertext, ttl);
      link = options.ownerPageUrl + '#' + shortFragment(relayHttpUrl(socket), hash, sealed.key);
      short = true;
    } catch (error) {
      relayError = error instanceof Error ? error.message : String(error);
    }
  }

  await write(
    actor,
    [
      {
        op: 'update',
        table: 'notice',
        id,
        patch: {
          publishedAt: now,
          publishedBy: actor.staffId,
          link,
          shortLink: short,
          ...(receipts ? { receiptRelay: receipts.relay, receiptTags: receipts.tags } : {}),
          ...(breaches.length
            ? {
                overriddenRules: breaches.map((b) => b.rule),
                overrideReason: reason,
                overriddenBy: actor.staffId
              }
            : {})
        }
      }
    ],
    { db, now }
  );
  return {
    link,
    short,
    tooLong: !short && link.length > MAX_CHAT_LINK_CHARS,
    relayError,
    receiptsError
  };
}
