// Sync over WebRTC (issue #4, "An edit on A visible on B … via WebRTC on loopback"): two browser
// contexts = two tablets, each with its own IndexedDB, sync engine and direct-sync manager
// (bench/pages/sync-webrtc.ts). Signalling (sealed by the pages) is carried by this process
// instead of the relay: the figure is the data channel's path, not the relay's.
import { round } from '../lib/stats.ts';
import { percentile, twoTablets, until } from '../lib/two-tablets.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

export { webrtcArgs } from '../lib/two-tablets.ts';

const warmUp = 10;
const edits = 200;
const pauseMs = 20;

export interface WebrtcLatency {
  p50: number;
  p95: number;
  samples: number;
}

/** Ms from the start of a write on A until B's live query shows it, over the data channel. */
export async function measureWebrtcLatency(ctx: BenchContext): Promise<WebrtcLatency> {
  const { a, b, close } = await twoTablets(ctx, 'sync-webrtc', { kind: 'direct' });
  try {
    await b.evaluate(() => window.syncWebrtcBench.watch());
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
    await close();
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
