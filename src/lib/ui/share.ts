/**
 * Reaching owners from the desk (issue 20 fault 8): a text message with the words filled in,
 * and the device's share sheet with a fallback where it has none. Pure but for the navigator
 * handed in, so the links can be checked without a phone.
 */

/**
 * `sms:<number>?body=<text>`: what Android and iOS messaging apps both open with the text
 * filled in. The body is percent-encoded whole — an owner link's `#` or `&` left bare would
 * cut the message there. The number keeps only digits and a leading +.
 */
export function smsHref(body: string, number = ''): string {
  const digits = number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return `sms:${digits}?body=${encodeURIComponent(body)}`;
}

/** What an `sms:` link will fill in, or null when it is not one a phone can read. */
export function readSmsHref(href: string): { number: string; body: string } | null {
  const match = /^sms:([+\d]*)\?body=([^&#]*)$/.exec(href);
  if (!match) return null;
  try {
    return { number: match[1] ?? '', body: decodeURIComponent(match[2] ?? '') };
  } catch {
    return null;
  }
}

export interface ShareData {
  title: string;
  text: string;
  url: string;
}

type ShareNavigator = Pick<Navigator, 'clipboard'> & {
  share?: (data: ShareData) => Promise<void>;
  canShare?: (data: ShareData) => boolean;
};

/**
 * The share sheet where the device has one (WeChat, messages, mail…); otherwise — a desk PC,
 * Firefox, Chromium on Linux — the link is copied so the desk can paste it anywhere.
 * 'cancelled' when the sheet was closed without sharing (not a failure).
 */
export async function shareLink(
  data: ShareData,
  nav: ShareNavigator = navigator
): Promise<'shared' | 'copied' | 'cancelled'> {
  if (typeof nav.share === 'function' && (nav.canShare?.(data) ?? true)) {
    try {
      await nav.share(data);
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // NotAllowedError (no user gesture left) and the like: copy instead.
    }
  }
  await nav.clipboard.writeText(data.url);
  return 'copied';
}
