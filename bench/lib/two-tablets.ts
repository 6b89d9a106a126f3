// Two tablets of one office in two contexts of one Chromium, each on a bench page that imports
// bench/pages/lib/bench-tablet.ts (own IndexedDB, keys, sync engine), connected directly (WebRTC,
// signalling carried by this process instead of the relay) or through a real relay. Used by the
// groups that time "a change on A visible on B" (sync-webrtc, handover).
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Road } from '../pages/lib/bench-tablet.ts';
import type { BenchContext } from '../types.ts';
import { chromiumArgs, findChromium } from './chromium.ts';

/** Host candidates on this machine: no mDNS names, loopback allowed (as in playwright.config.ts). */
export const webrtcArgs = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns'
];

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Polls `read` every 2 ms until it gives a value. */
export async function until<T>(read: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

export interface TwoTablets {
  a: Page;
  b: Page;
  close(): Promise<void>;
}

/**
 * Open bench page `name` in two fresh contexts (A founds the office, B joins as if paired)
 * and wait until their road is up. A Chromium of its own, with the WebRTC flags.
 */
export async function twoTablets(ctx: BenchContext, name: string, road: Road): Promise<TwoTablets> {
  const benchPage = await ctx.benchPage(name);
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...chromiumArgs, ...webrtcArgs]
  });
  try {
    const pages: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (error) => ctx.log(`${name} page error: ${error.message}`));
      await page.goto(benchPage.url);
      await page.waitForFunction(() => window.benchTablet !== undefined);
      pages.push(page);
    }
    const [a, b] = pages;
    const ids = await Promise.all(
      pages.map((page, i) => page.evaluate((db) => window.benchTablet.open(db), `t${i}`))
    );
    for (const [i, page] of pages.entries())
      await page.exposeFunction('benchSignal', async (to: string, data: unknown) => {
        if (to !== ids[1 - i]) return false;
        void pages[1 - i].evaluate(([from, d]) => window.benchTablet.signal(from, d), [
          ids[i],
          data
        ] as const);
        return true;
      });
    const founding = await a.evaluate(([peer, r]) => window.benchTablet.found(peer, r), [
      ids[1],
      road
    ] as const);
    await b.evaluate(([f, peer, r]) => window.benchTablet.join(f, peer, r), [
      founding,
      ids[0],
      road
    ] as const);
    await until(async () =>
      (await a.evaluate(() => window.benchTablet.connected())) &&
      (await b.evaluate(() => window.benchTablet.connected()))
        ? true
        : null
    );
    return { a, b, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
