// Sync over WebRTC (issue #4, "An edit on A visible on B … via WebRTC on loopback"): two browser
// contexts = two tablets, each with its own IndexedDB, sync engine and direct-sync manager
// (bench/pages/sync-webrtc.ts). Signalling (sealed by the pages) is carried by this process
// instead of the relay: the figure is the data channel's path, not the relay's.
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../lib/chromium.ts';
import { round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

/** Host candidates on this machine: no mDNS names, loopback allowed (as in playwright.config.ts). */
export const webrtcArgs = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns'
];

const warmUp = 10;
const edits = 200;
const pauseMs = 20;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function until<T>(read: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

export interface WebrtcLatency {
  p50: number;
  p95: number;
  samples: number;
}

/** Ms from the start of a write on A until B's live query shows it, over the data channel. */
export async function measureWebrtcLatency(ctx: BenchContext): Promise<WebrtcLatency> {
  const benchPage = await ctx.benchPage('sync-webrtc');
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...chromiumArgs, ...webrtcArgs]
  });
  try {
    const pages: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (error) => ctx.log(`sync-webrtc page error: ${error.message}`));
      await page.goto(benchPage.url);
      await page.waitForFunction(() => window.syncWebrtcBench !== undefined);
      pages.push(page);
    }
    const [a, b] = pages;
    const ids = await Promise.all(
      pages.map((page, i) => page.evaluate((name) => window.syncWebrtcBench.open(name), `t${i}`))
    );
    for (const [i, page] of pages.entries())
      await page.exposeFunction('benchSignal', async (to: string, data: unknown) => {
        if (to !== ids[1 - i]) return false;
        void pages[1 - i].evaluate(([from, d]) => window.syncWebrtcBench.signal(from, d), [
          ids[i],
          data
        ] as const);
        return true;
      });
    const founding = await a.evaluate((peer) => window.syncWebrtcBench.found(peer), ids[1]);
    await b.evaluate(([f, peer]) => window.syncWebrtcBench.join(f, peer), [
      founding,
      ids[0]
    ] as const);
    await until(async () =>
      (await a.evaluate(() => window.syncWebrtcBench.connected())) &&
      (await b.evaluate(() => window.syncWebrtcBench.connected()))
        ? true
        : null
    );
    await a.evaluate(() => window.syncWebrtcBench.createPerson());

    const ms: number[] = [];
    for (let i = 0; i < warmUp + edits; i++) {
      const notes = `edit ${i}`;
      const started = await a.evaluate((n) => window.syncWebrtcBench.edit(n), notes);
      const seen = await until(() => b.evaluate((n) => window.syncWebrtcBench.arrival(n), notes));
      if (i >= warmUp) ms.push(seen - started);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), samples: ms.length };
  } finally {
    await browser.close();
  }
}

export async function webrtcFigures(ctx: BenchContext): Promise<Figure[]> {
  const target = { op: '<', value: 100 } as const;
  try {
    const result = await measureWebrtcLatency(ctx);
    ctx.log(`WebRTC edit A → B: ${result.samples} edits, p50 ${result.p50.toFixed(1)} ms`);
    return [
      { name: 'sync.webrtcP50Ms', value: round(result.p50), unit: 'ms' },
      { name: 'sync.webrtcP95Ms', value: round(result.p95), unit: 'ms', target }
    ];
  } catch (error) {
    const note = `WebRTC bench failed: ${String(error).split('\n')[0]}`;
    return [
      { name: 'sync.webrtcP50Ms', value: null, unit: 'ms', note },
      { name: 'sync.webrtcP95Ms', value: null, unit: 'ms', target, note }
    ];
  }
}

export default {
  name: 'sync-webrtc',
  run: webrtcFigures
} satisfies BenchGroup;
