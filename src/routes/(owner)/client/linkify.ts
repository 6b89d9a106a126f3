/**
 * Tappable links in what the office wrote (issue 16 §1: the owner form's link "inside a
 * notice"). Only http(s) addresses become links; `javascript:`, `data:` and anything else stay
 * text, and the link is made with DOM calls (dom.ts), never as markup. An owner-form link of
 * this app (`<same origin>/…/r/#f1.…`) is marked, so the page can draw it as a button.
 */

/** A piece of the text: plain words, or an address to link. */
export type LinkPart =
  | { text: string }
  | {
      text: string;
      /** The address as the browser normalised it (`URL.href`). */
      url: string;
      /** An owner form link of this app (same origin, `/r/#f1.`). */
      form: boolean;
    };

/**
 * An address runs over ASCII URL characters only, so it ends at a space, at Chinese text or at
 * full-width punctuation ("，" "。" "）"), and never takes `<`, `>` or quotes with it. One
 * character class with `+`: linear on any input (no backtracking on a 100 KB line).
 */
const ADDRESS = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
/** Sentence punctuation that ends a sentence after an address rather than belonging to it. */
const TRAILING = /[.,;:!?'"*]+$/;
/** Longer than this is no address an office writes (the form link is under 1 KB). */
const MAX_URL = 4096;

function trimmed(candidate: string): string {
  let url = candidate.replace(TRAILING, '');
  // "(见 https://x.cn/a)" — a closing bracket the address did not open is the sentence's.
  while (url.endsWith(')') && count(url, '(') < count(url, ')'))
    url = url.slice(0, -1).replace(TRAILING, '');
  return url;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** An owner form link of this app: `<origin>/…/r/#f1.…` (lib/owner-inbox/form-link.ts). */
export function isOwnerFormUrl(url: URL, origin: string): boolean {
  return url.origin === origin && /\/r\/$/.test(url.pathname) && url.hash.startsWith('#f1.');
}

/** The text cut into words and links; joined again, the parts' `text` is the input. */
export function linkParts(text: string, origin: string): LinkPart[] {
  const parts: LinkPart[] = [];
  let last = 0;
  const push = (words: string) => {
    if (!words) return;
    const previous = parts[parts.length - 1];
    if (previous && !('url' in previous)) previous.text += words;
    else parts.push({ text: words });
  };
  for (const match of text.matchAll(ADDRESS)) {
    const start = match.index ?? 0;
    const candidate = trimmed(match[0]);
    let url: URL | undefined;
    if (candidate.length <= MAX_URL) {
      try {
        url = new URL(candidate);
      } catch {
        url = undefined;
      }
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) continue;
    push(text.slice(last, start));
    parts.push({ text: candidate, url: url.href, form: isOwnerFormUrl(url, origin) });
    last = start + candidate.length;
  }
  push(text.slice(last));
  return parts;
}
