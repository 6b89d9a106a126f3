/** The desk's half of form-link.ts: signing a form link with the office's key (@noble). */
import { ed25519 } from '@noble/curves/ed25519.js';
import { toBase64Url, utf8 } from '../sync/crypto/bytes';
import { FORM_PREFIX, signedBytes, type FormLink } from './form-link';

export function encodeFormLink(link: FormLink, officeSecret: Uint8Array): string {
  const json = utf8(JSON.stringify(link));
  const sig = ed25519.sign(signedBytes(json), officeSecret);
  return `${FORM_PREFIX}${toBase64Url(json)}.${toBase64Url(sig)}`;
}
