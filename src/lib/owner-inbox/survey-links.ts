/**
 * The desk's half of survey links (issue 16 §5: "links per household or per building"): one
 * inbox tag per building, opened on the relay; the questionnaire sealed once per survey and
 * kept on the relay as a short-link blob; signed links `/q/#q1.…` for a building's poster and
 * for each household (with its code). Signing and relay talk live here, above lib/db.
 */
import type { Survey } from '$lib/domain/records/survey';
import { householdCode } from '$lib/domain/survey/household-code';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { setSurveyOwnerLinks } from '$lib/db/actions/surveys';
import { listSurveys } from '$lib/db/queries/surveys';
import { getOffice } from '$lib/db/queries/office';
import { getShortLinkRelay } from '$lib/db/queries/notices';
import type { Actor } from '$lib/db/write';
import { ownerLinkKeys, type OwnerLinkKeys } from '$lib/owner-link/local-key';
import { putBlobOnRelay, relayHttpUrl, relaySocketUrl } from '$lib/owner-link/relay-put';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  concatBytes,
  fromBase64Url,
  randomBytes,
  toBase64Url,
  toHex,
  utf8
} from '$lib/sync/crypto/bytes';
import { sha256 } from '$lib/sync/crypto/hash';
import { loadRelayUrl } from '$lib/sync/relay-url';
import { openLinkTags } from './client';
import { LINK_TAG_BYTES } from './format';
import { inboxKeyPair } from './seal';
import {
  COPY_IV_BYTES,
  SURVEY_COPY_AAD,
  SURVEY_PREFIX,
  signedSurveyBytes,
  type OwnerQuestionnaire,
  type SurveyLink
} from './survey-link';

const DAY_S = 24 * 3600;
/** The relay keeps a short-link blob at most 30 days by default (src/relay README): the desk
 * puts the same bytes again at each start, which moves the expiry on. */
const COPY_TTL_SECONDS = 30 * DAY_S;

/** The questionnaire as phones read it (no code key, no answers: nothing of the office's). */
export function questionnaireCopy(survey: Survey, officeName: string): OwnerQuestionnaire {
  return {
    v: 1,
    title: survey.title,
    office: officeName.slice(0, 80),
    q: survey.questions.map((q) => ({
      q: q.key,
      v: q.version,
      kind: q.kind,
      max: q.scaleMax,
      why: q.kind === 'scale' && q.askWhy,
      text: {
        'zh-Hans': q.text['zh-Hans'],
        ...(q.text['zh-Hant'] ? { 'zh-Hant': q.text['zh-Hant'] } : {}),
        ...(q.text.en ? { en: q.text.en } : {})
      }
    }))
  };
}

/**
 * AES-GCM under the copy's key. The IV comes from the plaintext, so the same questionnaire
 * under the same key always gives the same bytes (the same hash the printed links name): the
 * desk can put it on the relay again to keep it. One key seals one plaintext only.
 */
export async function sealCopy(plain: Uint8Array, key: Uint8Array): Promise<Uint8Array> {
  const iv = sha256(concatBytes(utf8('guanjia/owner-survey-iv/v1'), plain)).subarray(
    0,
    COPY_IV_BYTES
  );
  const aes = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, [
    'encrypt'
  ]);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: SURVEY_COPY_AAD as BufferSource },
    aes,
    plain as BufferSource
  );
  return concatBytes(iv, new Uint8Array(sealed));
}

export function encodeSurveyLink(link: SurveyLink, officeSecret: Uint8Array): string {
  const json = utf8(JSON.stringify(link));
  const sig = ed25519.sign(signedSurveyBytes(json), officeSecret);
  return `${SURVEY_PREFIX}${toBase64Url(json)}.${toBase64Url(sig)}`;
}

/** The relay as the desk knows it: WebSocket for putting the copy, http for phones. */
async function relayOf(db: GuanjiaDexie): Promise<{ socket: string; http: string } | undefined> {
  const raw = (await loadRelayUrl(db)) || (await getShortLinkRelay(db));
  if (!raw) return undefined;
  try {
    const socket = relaySocketUrl(raw);
    return { socket, http: relayHttpUrl(socket) };
  } catch {
    return undefined;
  }
}

/** Seconds from now to 30 days after the survey closes (late paper letters, slow phones). */
function tagTtl(survey: Survey, now: number): number {
  const end = Date.parse(`${survey.closesOn}T00:00:00Z`) + 31 * DAY_S * 1000;
  return Math.max(DAY_S, Math.round((end - now) / 1000));
}

export class SurveyLinkError extends Error {
  constructor(readonly reason: 'noRelay' | 'relay') {
    super(`survey links: ${reason}`);
  }
}

/** Everything a page needs to draw a survey's links. */
export interface SurveyLinkSet {
  relay: string;
  keys: OwnerLinkKeys;
  survey: Survey;
  tags: Record<string, string>;
  copy: { hash: string; key: string };
}

/**
 * Makes sure the survey can be answered by link for these buildings: a tag per building
 * (recorded on the survey, opened on the relay) and the current questionnaire on the relay.
 * Throws SurveyLinkError when there is no relay or it cannot be reached (nothing recorded
 * then, so no printed link points nowhere).
 */
export async function ensureSurveyLinks(
  actor: Actor,
  survey: Survey,
  buildingIds: readonly string[],
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<SurveyLinkSet> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const relay = await relayOf(db);
  if (!relay) throw new SurveyLinkError('noRelay');
  const keys = await ownerLinkKeys(db);
  const office = await getOffice(db);
  const plain = utf8(JSON.stringify(questionnaireCopy(survey, office?.name ?? '')));
  const digest = toHex(sha256(plain));
  const old = survey.ownerLinks;
  const key =
    old?.copy && old.copy.digest === digest ? fromBase64Url(old.copy.key) : randomBytes(16);
  const tags: Record<string, string> = { ...(old?.tags ?? {}) };
  for (const id of buildingIds) tags[id] ??= toBase64Url(randomBytes(LINK_TAG_BYTES));
  try {
    const sealed = await sealCopy(plain, key);
    const { hash } = await putBlobOnRelay(relay.socket, keys, sealed, COPY_TTL_SECONDS);
    await openLinkTags(relay.http, keys, Object.values(tags), tagTtl(survey, now));
    const copy = { hash, key: toBase64Url(key), digest };
    const changed =
      !old || old.copy?.hash !== hash || Object.keys(tags).length !== Object.keys(old.tags).length;
    if (changed) await setSurveyOwnerLinks(actor, survey.id, { tags, copy }, db);
    return { relay: relay.http, keys, survey, tags, copy };
  } catch (error) {
    if (error instanceof SurveyLinkError) throw error;
    throw new SurveyLinkError('relay');
  }
}

/** `<pages>/q/#q1.…`: a building's poster (no code) or one household's link (its code). */
export function surveyLinkUrl(
  set: SurveyLinkSet,
  ownerPageUrl: string,
  buildingId: string,
  label: string,
  unitId?: string
): string {
  const tag = set.tags[buildingId];
  if (!tag) throw new Error(`no survey tag for building ${buildingId}`);
  const link: SurveyLink = {
    r: set.relay,
    t: tag,
    i: toBase64Url(inboxKeyPair(set.keys.office.secretKey).publicKey),
    o: toBase64Url(set.keys.office.publicKey),
    s: set.survey.id,
    h: set.copy.hash,
    k: set.copy.key,
    n: label.slice(0, 80),
    ...(unitId ? { c: householdCode(set.survey.codeKey, set.survey.id, unitId) } : {}),
    x: set.survey.closesOn
  };
  return `${ownerPageUrl}#${encodeSurveyLink(link, set.keys.office.secretKey)}`;
}

/**
 * At the desk's start: every survey not closed keeps its tags open and its questionnaire on
 * the relay (the relay forgets a blob after its TTL). Same bytes, same hash: printed links
 * keep working. A survey whose questionnaire changed since is left to its links page.
 */
export async function keepSurveyLinks(
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<void> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const surveys = (await listSurveys(db)).filter((s) => s.status !== 'closed' && s.ownerLinks);
  if (!surveys.length) return;
  const relay = await relayOf(db);
  if (!relay) return;
  const keys = await ownerLinkKeys(db);
  const office = await getOffice(db);
  for (const survey of surveys) {
    const links = survey.ownerLinks;
    if (!links) continue;
    await openLinkTags(relay.http, keys, Object.values(links.tags), tagTtl(survey, now));
    if (!links.copy) continue;
    const plain = utf8(JSON.stringify(questionnaireCopy(survey, office?.name ?? '')));
    if (toHex(sha256(plain)) !== links.copy.digest) continue;
    await putBlobOnRelay(
      relay.socket,
      keys,
      await sealCopy(plain, fromBase64Url(links.copy.key)),
      COPY_TTL_SECONDS
    );
  }
}
