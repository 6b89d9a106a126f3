import type { GuanjiaDexie } from '$lib/db/database';

const KEY = 'sync.relayUrl';

/**
 * The relay this device syncs through, stored device-locally. Default: the host the app
 * was loaded from, port 8787 (`npm start` runs the relay there); `''` means "no relay".
 */
export function defaultRelayUrl(): string {
  if (typeof location === 'undefined') return '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:8787/v1`;
}

export async function loadRelayUrl(db: GuanjiaDexie): Promise<string> {
  const entry = await db.local.get(KEY);
  return typeof entry?.value === 'string' ? entry.value : defaultRelayUrl();
}

export async function saveRelayUrl(db: GuanjiaDexie, url: string): Promise<void> {
  await db.local.put({ key: KEY, value: url.trim() });
}

/** A usable relay address: ws:// or wss://, with a host. */
export function isRelayUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') && parsed.host !== '';
  } catch {
    return false;
  }
}
