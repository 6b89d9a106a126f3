/**
 * What the owner pages that send share (/r/ request form, /q/ survey): the phone's storage
 * for the outbox, sending what waits, drawing a view into <main>, and the start-up — the
 * frame, the link's fragment changing, the phone coming back online, and what waited from an
 * earlier visit. The notice page (/n/) sends nothing and does not load this.
 */
import { flush, type OutboxStore } from '$lib/owner-inbox/outbox';
import type { Child } from './dom';
import { startOwnerFrame } from './owner-frame';

/**
 * The phone's localStorage; where a WebView has none or blocks it (null, or reading it throws),
 * a store that lives as long as the page. No write probe: private tabs of the phones served
 * (iOS 14+, Chromium 80+) store normally, and a full storage is reported where it matters —
 * queueing a submission fails and the page says so.
 */
function phoneStorage(): OutboxStore {
  try {
    if (localStorage) return localStorage;
  } catch {
    // blocked: keep it in memory
  }
  const memory = new Map<string, string>();
  return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
}

/** The phone's storage: the outbox, and what each page keeps (answered surveys, ratings). */
export const store = phoneStorage();

/** The page's marks for the benchmarks and tests (`data-ready`, `data-outbox`). */
const marks = document.documentElement.dataset;

/** Sends what waits; the page's mark says how the last try went (for the tests). */
export async function sendWaiting(): Promise<Map<string, string>> {
  const results = await flush(store);
  marks.outbox = [...results.values()].join(',') || 'empty';
  return results;
}

/** The page's one <main> (client/form-page.svelte), where its views are drawn. */
const main = document.querySelector('main');

/**
 * Draws a view into the page's <main>, keeping the focus in the field the owner was in; the
 * page's `data-ready` mark (the view's name) is for the benchmarks and tests.
 */
export function paint(nodes: Child[], busy: boolean, title: string, ready: string): void {
  if (!main) return;
  const focused = document.activeElement?.id;
  main.replaceChildren(...nodes.filter((n): n is Node | string => !!n));
  if (focused) document.getElementById(focused)?.focus();
  main.setAttribute('aria-busy', String(busy));
  document.title = title;
  marks.ready = ready;
}

/**
 * Starts the page: `draw` draws the current view again (a new language), `open` reads the
 * link in the fragment, `online` follows up once what waited was sent after the phone came
 * back online. Positional arguments: the phone downloads every byte of this.
 */
export function startOutboxPage(
  draw: () => void,
  open: () => Promise<void>,
  online: (results: Map<string, string>) => void
): void {
  startOwnerFrame(draw);
  addEventListener('hashchange', () => void open());
  addEventListener('online', () => void sendWaiting().then(online));
  void open();
  // Whatever waited from an earlier visit goes now, if it can.
  void sendWaiting();
}
