// When is the app's first screen usable? The app says so itself, in order of preference:
//   1. performance.mark('guanjia:interactive')
//   2. <html data-ready="1">
//   3. (fallbacks while neither exists) the first <main> element in the DOM,
//   4. or else the first contentful paint.
// An init script records the time (ms since navigation start) each marker first appears.
import type { BrowserContext, Page } from 'playwright-core';

export type MarkerKind = 'mark' | 'dataReady' | 'main' | 'fcp';
export type MarkerTimes = Partial<Record<MarkerKind, number>>;

export const markerPreference: readonly MarkerKind[] = ['mark', 'dataReady', 'main', 'fcp'];

export const markerDescriptions: Record<MarkerKind, string> = {
  mark: "performance.mark('guanjia:interactive')",
  dataReady: '<html data-ready="1">',
  main: 'first <main> element (the app sets no ready marker yet)',
  fcp: 'first contentful paint (the app sets no ready marker and has no <main> yet)'
};

declare global {
  interface Window {
    __benchReady?: MarkerTimes;
  }
}

/**
 * Runs in the page before any of its scripts. A string, not a function: tsx compiles functions
 * with name helpers (`__name`) that do not exist in the page.
 */
const recordMarkers = `(() => {
  const times = {};
  window.__benchReady = times;
  const seen = (kind, at) => { if (times[kind] === undefined) times[kind] = at; };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'guanjia:interactive') seen('mark', entry.startTime);
    }
  }).observe({ type: 'mark', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') seen('fcp', entry.startTime);
    }
  }).observe({ type: 'paint', buffered: true });
  const check = () => {
    if (document.documentElement && document.documentElement.dataset.ready === '1') {
      seen('dataReady', performance.now());
    }
    if (document.querySelector('main')) seen('main', performance.now());
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-ready']
  });
})();`;

export async function watchMarkers(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: recordMarkers });
}

/** The best marker this app sets, found on a first (online) load; undefined if none appears. */
export async function detectMarker(
  page: Page,
  timeoutMs = 10_000
): Promise<MarkerKind | undefined> {
  try {
    await page.waitForFunction(
      () => {
        const t = window.__benchReady;
        return Boolean(t && (t.mark !== undefined || t.dataReady !== undefined));
      },
      undefined,
      { timeout: timeoutMs }
    );
  } catch {
    // No explicit marker within the time: fall back to <main> if there is one.
  }
  const times = await page.evaluate(() => window.__benchReady ?? {});
  return markerPreference.find((kind) => times[kind] !== undefined);
}

/** Ms from navigation start until `kind` appeared on this page. */
export async function waitForMarker(
  page: Page,
  kind: MarkerKind,
  timeoutMs = 15_000
): Promise<number> {
  const handle = await page.waitForFunction((k) => window.__benchReady?.[k as MarkerKind], kind, {
    timeout: timeoutMs
  });
  return (await handle.jsonValue()) as number;
}
