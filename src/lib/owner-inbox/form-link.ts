/**
 * An owner form link, `/f/#f1.<base64url(JSON)>.<signature>` (issue 16 §1): where to send
 * (relay, link tag), to whom (the office's inbox key) and what the office asks for, signed
 * with the office's key so a forged poster cannot redirect owners' words elsewhere. The status
 * link a phone gets after sending, `/f/#p1.<base64url(JSON)>`, is made on the phone; its key
 * never leaves it except in that link. Relative imports: the relay tests and bench use it.
 */
import * as z from 'zod/mini';
import { encodeFields, fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../sync/crypto/bytes';
import { submissionKinds } from './payload';
import { verifyEd25519Web } from './seal-web';

export const FORM_PREFIX = 'f1.';
export const STATUS_PREFIX = 'p1.';

const b64 = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/));
const tag = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
const relay = z.string().check(z.regex(/^https?:\/\/[^\s]+$/), z.maxLength(200));
const ask = z.enum(['off', 'optional', 'required']);

export const formLinkSchema = z.object({
  /** The relay's http(s) address. */
  r: relay,
  /** Link tag (format.ts). */
  t: tag,
  /** Office inbox public key (X25519), base64url. */
  i: b64,
  /** Office public signing key (Ed25519), base64url: checks this link and every status update. */
  o: b64,
  /** The link's id in the office's records. */
  l: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Office and place shown on the form ("阳光花园 · 3号楼"). */
  n: z.string().check(z.maxLength(80)),
  /** Kinds offered; the suggestion box offers only suggestion (and praise, complaint). */
  k: z.array(z.enum(submissionKinds)).check(z.minLength(1), z.maxLength(4)),
  /** Name and phone: not asked, optional, required (the office sets it). */
  a: z.object({ name: ask, phone: ask }),
  /** A suggestion box (意见箱) rather than a request form. */
  b: z.optional(z.boolean())
});
export type FormLink = z.infer<typeof formLinkSchema>;

export const statusLinkSchema = z.object({
  r: relay,
  t: tag,
  i: b64,
  o: b64,
  /** Status id and key. */
  s: tag,
  k: b64,
  /** What the owner sent, shown back (kind and the first words). */
  d: z.string().check(z.maxLength(80)),
  x: z.enum(submissionKinds)
});
export type StatusLink = z.infer<typeof statusLinkSchema>;

export function signedBytes(json: Uint8Array): Uint8Array {
  return encodeFields('guanjia/owner-form/v1', json);
}

/** The link, or undefined when it is cut, edited or not signed by the key it names. */
export async function decodeFormLink(fragment: string): Promise<FormLink | undefined> {
  if (!fragment.startsWith(FORM_PREFIX)) return undefined;
  const [body, sig] = fragment.slice(FORM_PREFIX.length).split('.');
  try {
    const json = fromBase64Url(body ?? '');
    const parsed = formLinkSchema.safeParse(JSON.parse(fromUtf8(json)));
    if (!parsed.success) return undefined;
    const ok = await verifyEd25519Web(
      fromBase64Url(sig ?? ''),
      signedBytes(json),
      fromBase64Url(parsed.data.o)
    );
    return ok ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function encodeStatusLink(link: StatusLink): string {
  return `${STATUS_PREFIX}${toBase64Url(utf8(JSON.stringify(link)))}`;
}

export function decodeStatusLink(fragment: string): StatusLink | undefined {
  if (!fragment.startsWith(STATUS_PREFIX)) return undefined;
  try {
    const parsed = statusLinkSchema.safeParse(
      JSON.parse(fromUtf8(fromBase64Url(fragment.slice(STATUS_PREFIX.length))))
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
