// "A keystroke on A visible on B" (issue #7 target, ≤ 100 ms p95) between two tablets that each
// run the app's sync engine and have the shift's document open (bench/pages/handover-live.ts):
// through a real relay process, or over a WebRTC data channel (bench/lib/two-tablets.ts).
import { rmSync } from 'node:fs';
import { spawnRelay } from '../../tests/relay/relay-process.ts';
import type { Road } from '../pages/lib/bench-tablet.ts';
import { percentile, twoTablets } from '../lib/two-tablets.ts';
import type { BenchContext } from '../types.ts';

const SHIFT = '2026-11-23-early';
const warmUp = 10;
const keystrokes = 200;
/** About a fast typist: 20 characters a second, each its own burst (BURST_MS is 10). */
const pauseMs = 50;

/** `promise`, or an error after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('not seen on B in time')), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface KeystrokeLatency {
  p50: number;
  p95: number;
  samples: number;
}

async function measure(ctx: BenchContext, road: Road): Promise<KeystrokeLatency> {
  const { a, b, close } = await twoTablets(ctx, 'handover-live', road);
  try {
    for (const page of [a, b])
      await page.evaluate((id) => window.handoverLiveBench.open(id), SHIFT);
    const ms: number[] = [];
    for (let i = 0; i < warmUp + keystrokes; i++) {
      const ch = String.fromCharCode(0x4e00 + i);
      const arrival = b.evaluate((c) => window.handoverLiveBench.arrival(c), ch);
      const started = await a.evaluate((c) => window.handoverLiveBench.type(c), ch);
      const seen = await within(arrival, 15_000);
      if (i >= warmUp) ms.push(seen - started);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), samples: ms.length };
  } finally {
    await close();
  }
}

/** Through a relay of its own (`node src/relay/main.ts`, a fresh data directory), on loopback. */
export async function relayKeystrokes(ctx: BenchContext): Promise<KeystrokeLatency> {
  const relay = await spawnRelay();
  try {
    return await measure(ctx, { kind: 'relay', url: relay.url });
  } finally {
    await relay.stop();
    rmSync(relay.dataDir, { recursive: true, force: true });
  }
}

/** Over a data channel: host candidates on loopback, signalling carried by the bench process. */
export function webrtcKeystrokes(ctx: BenchContext): Promise<KeystrokeLatency> {
  return measure(ctx, { kind: 'direct' });
}
