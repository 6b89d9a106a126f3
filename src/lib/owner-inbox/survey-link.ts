/**
 * A satisfaction survey link, `/q/#q1.<base64url(JSON)>.<signature>` (issue 16 §5: "links per
 * household or per building"): where to send the answer (relay, the building's inbox tag, the
 * office's inbox key), the survey, the household code (a household's own link; a building's
 * poster leaves it out and the owner types the code printed on their letter), and where the
 * questionnaire waits on the relay — sealed under a key only the link holds, named by the hash
 * of its ciphertext — so a link stays short enough for a QR code on a printed sheet. Signed
 * with the office's key: the hash and key inside it vouch for the questionnaire too.
 * Relative imports, zod/mini and WebCrypto only: the owner page bundles it.
 */
import * as z from 'zod/mini';
import { encodeFields, fromBase64Url, fromUtf8, toHex } from '../sync/crypto/bytes';
import { verifyEd25519Web } from './seal-web';

export const SURVEY_PREFIX = 'q1.';

const b64 = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const surveyLinkSchema = z.object({
  /** The relay's http(s) address. */
  r: z.string().check(z.regex(/^https?:\/\/[^\s]+$/), z.maxLength(200)),
  /** The building's inbox tag (format.ts). */
  t: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
  /** Office inbox public key (X25519) and signing key (Ed25519), base64url. */
  i: b64,
  o: b64,
  /** Survey id. */
  s: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The questionnaire's sealed copy on the relay: sha256 hex of the ciphertext, and its key. */
  h: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  k: b64,
  /** Shown at the top ("阳光花园 3号楼 3-1201"). */
  n: z.string().check(z.maxLength(80)),
  /** The household code (domain/survey/household-code.ts); absent on a building's poster. */
  c: z.optional(z.string().check(z.regex(/^[A-Z2-9]{6}$/))),
  /** Last day of the survey (the office's calendar). */
  x: isoDate
});
export type SurveyLink = z.infer<typeof surveyLinkSchema>;

const wording = z.object({
  'zh-Hans': z.string().check(z.maxLength(300)),
  'zh-Hant': z.optional(z.string().check(z.maxLength(300))),
  en: z.optional(z.string().check(z.maxLength(300)))
});

/** The questionnaire as a phone reads it: only what it needs to ask and to answer. */
export const ownerQuestionnaireSchema = z.object({
  v: z.literal(1),
  title: z.string().check(z.maxLength(80)),
  /** The office's name, shown with the title. */
  office: z.string().check(z.maxLength(80)),
  q: z
    .array(
      z.object({
        /** Key and version: what the answer names (records/survey.ts). */
        q: z.string().check(z.regex(/^[a-z0-9-]{1,24}$/)),
        v: z.number().check(z.int(), z.minimum(1)),
        kind: z.enum(['scale', 'text']),
        max: z.number().check(z.int(), z.minimum(3), z.maximum(10)),
        why: z.boolean(),
        text: wording
      })
    )
    .check(z.minLength(1), z.maxLength(60))
});
export type OwnerQuestionnaire = z.infer<typeof ownerQuestionnaireSchema>;

export function signedSurveyBytes(json: Uint8Array): Uint8Array {
  return encodeFields('guanjia/owner-survey/v1', json);
}

/** Additional data of the questionnaire's ciphertext: it reads only as a survey's copy. */
export const SURVEY_COPY_AAD = new TextEncoder().encode('guanjia/owner-survey-copy/v1');
export const COPY_IV_BYTES = 12;

/** The link, or undefined when it is cut, edited or not signed by the key it names. */
export async function decodeSurveyLink(fragment: string): Promise<SurveyLink | undefined> {
  if (!fragment.startsWith(SURVEY_PREFIX)) return undefined;
  const [body, sig] = fragment.slice(SURVEY_PREFIX.length).split('.');
  try {
    const json = fromBase64Url(body ?? '');
    const parsed = surveyLinkSchema.safeParse(JSON.parse(fromUtf8(json)));
    if (!parsed.success) return undefined;
    const ok = await verifyEd25519Web(
      fromBase64Url(sig ?? ''),
      signedSurveyBytes(json),
      fromBase64Url(parsed.data.o)
    );
    return ok ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the questionnaire's copy; undefined when it is not the one the link names. */
export async function openQuestionnaire(
  sealed: Uint8Array,
  link: Pick<SurveyLink, 'h' | 'k'>
): Promise<OwnerQuestionnaire | undefined> {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', sealed as BufferSource));
    if (toHex(digest) !== link.h || sealed.length <= COPY_IV_BYTES) return undefined;
    const key = await crypto.subtle.importKey(
      'raw',
      fromBase64Url(link.k) as BufferSource,
      'AES-GCM',
      false,
      ['decrypt']
    );
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(0, COPY_IV_BYTES) as BufferSource,
        additionalData: SURVEY_COPY_AAD as BufferSource
      },
      key,
      sealed.subarray(COPY_IV_BYTES) as BufferSource
    );
    const parsed = ownerQuestionnaireSchema.safeParse(JSON.parse(fromUtf8(new Uint8Array(plain))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type CopyResult =
  | { ok: true; questionnaire: OwnerQuestionnaire }
  | { ok: false; problem: 'offline' | 'expired' | 'altered' };

/** Fetches the questionnaire from the relay (`GET /b/<hash>`, like a notice's short link). */
export async function fetchQuestionnaire(
  link: SurveyLink,
  fetcher: typeof fetch = fetch
): Promise<CopyResult> {
  let response: Response;
  try {
    response = await fetcher(`${link.r.replace(/\/+$/, '')}/b/${link.h}`, {
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
  } catch {
    return { ok: false, problem: 'offline' };
  }
  if (response.status === 404) return { ok: false, problem: 'expired' };
  if (!response.ok) return { ok: false, problem: 'offline' };
  const questionnaire = await openQuestionnaire(new Uint8Array(await response.arrayBuffer()), link);
  return questionnaire ? { ok: true, questionnaire } : { ok: false, problem: 'altered' };
}
