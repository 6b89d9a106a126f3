import type { DueItem } from '$lib/domain/today/items';

/**
 * Issue 19 §5: Today's due lines as the installed app's badge (Badging API) and, once the
 * person allowed it, a notification for each line that newly became due or overdue. Both
 * are optional browser features: where they are missing nothing happens.
 */
export type AlertPermission = NotificationPermission | 'unsupported';

export function alertsAllowed(): AlertPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askForAlerts(): Promise<AlertPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

const SEEN = 'guanjia.today.notified';

/** Keys already notified on this tablet, so a line is announced once, not every minute. */
function seenKeys(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(SEEN) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export async function showAlerts(
  items: readonly DueItem[],
  count: number,
  title: string,
  label: (item: DueItem) => string
): Promise<void> {
  const nav = navigator as Navigator & {
    setAppBadge?: (n?: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
  };
  try {
    if (count > 0) await nav.setAppBadge?.(count);
    else await nav.clearAppBadge?.();
  } catch {
    // Not installed, or the platform has no badge: the list on the page is enough.
  }
  if (alertsAllowed() !== 'granted') return;
  const seen = seenKeys();
  const fresh = items.filter(
    (i) => (i.state === 'overdue' || i.state === 'today') && !seen.has(`${i.key}|${i.state}`)
  );
  if (!fresh.length) return;
  for (const i of fresh) seen.add(`${i.key}|${i.state}`);
  localStorage.setItem(SEEN, JSON.stringify([...seen].slice(-2000)));
  const body = fresh
    .slice(0, 5)
    .map((i) => `${label(i)} · ${i.title}`)
    .join('\n');
  const options = { body, tag: 'guanjia-today' };
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) await registration.showNotification(title, options);
    else new Notification(title, options);
  } catch {
    // A browser that refuses here (no service worker, page not installed): the badge stays.
  }
}
