// Sync through the relay (issue #4 "Targets"): catch-up of a new device, edit latency A → B,
// bytes per op, the same edit stream through y-websocket (a Y.Map per record), and the relay's
// own load run (tests/relay/load.ts, 50 offices × 5 devices). Each tablet is a browser context
// with its own IndexedDB (bench/pages/sync.ts); the relay and the y-websocket server run here.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { startRelay } from '../../src/relay/index.ts';
import { relayLoadChild } from '../../tests/relay/load-client.ts';
import { catchUpFigures, medianRun } from '../lib/catch-up-figures.ts';
import { profiled } from '../lib/cpu-profile.ts';
import { untilQuiet } from '../lib/machine.ts';
import { round } from '../lib/stats.ts';
import type { CatchUp } from '../pages/lib/catch-up-probe.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

const EDITS = 200;
const WARM_UP = 10;
const PAUSE_MS = 20;
/** Catch-ups per run (BENCH_CATCHUP_RUNS): the median one is reported. */
const CATCH_UP_RUNS = Math.max(1, Number(process.env.BENCH_CATCHUP_RUNS ?? 5));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function tablet(ctx: BenchContext, url: string): Promise<Page> {
  const page = await (await ctx.browser.newContext()).newPage();
  page.on('pageerror', (error) => ctx.log(`sync page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.syncBench !== undefined);
  return page;
}

interface Stream {
  p50: number;
  p95: number;
  bytesPerOp: number;
  /**
   * Stages of an edit (ms from the start of the write): write done, A's socket sends, B's
   * socket receives (wire = receive − send), B's watcher sees it (toSeen = seen − receive);
   * medians and p95s, for the breakdown in BENCHMARKS.md.
   */
  stages: Record<'p50' | 'p95', { write: number; toSend: number; wire: number; toSeen: number }>;
}

const median = (values: readonly number[]): number => percentile(values, 50);

/** EDITS single-field edits on A, each timed until B's watcher sees it; A's sent bytes per edit. */
async function editStream(
  a: Page,
  b: Page,
  edit: (page: Page, value: string) => Promise<number>
): Promise<Stream> {
  const latencies: number[] = [];
  const stages = {
    write: [] as number[],
    toSend: [] as number[],
    wire: [] as number[],
    toSeen: [] as number[]
  };
  for (let i = 0; i < WARM_UP + EDITS; i++) {
    if (i === WARM_UP) await a.evaluate(() => window.syncBench.resetBytes());
    const value = `编辑-${i}`;
    // B is asked first and answers when its watcher sees the value: no polling of B.
    const arrival = b.evaluate(([v, ms]) => window.syncBench.waitFor(v as string, ms as number), [
      value,
      10_000
    ] as const);
    const start = await edit(a, value);
    const arrived = await arrival;
    if (arrived === null) throw new Error(`edit ${i} never arrived`);
    if (i >= WARM_UP) {
      latencies.push(arrived - start);
      const written = await a.evaluate((v) => window.syncBench.writeDone(v), value);
      const sent = await a.evaluate((t) => window.syncBench.sentAfter(t, 1), start);
      const received =
        sent === null ? null : await b.evaluate((t) => window.syncBench.receivedAfter(t, 1), sent);
      if (written !== null && sent !== null && received !== null && received <= arrived) {
        stages.write.push(written - start);
        stages.toSend.push(sent - start);
        stages.wire.push(received - sent);
        stages.toSeen.push(arrived - received);
      }
    }
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  const bytes = await a.evaluate(() => window.syncBench.bytes());
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    bytesPerOp: bytes / EDITS,
    stages: {
      p50: {
        write: median(stages.write),
        toSend: median(stages.toSend),
        wire: median(stages.wire),
        toSeen: median(stages.toSeen)
      },
      p95: {
        write: percentile(stages.write, 95),
        toSend: percentile(stages.toSend, 95),
        wire: percentile(stages.wire, 95),
        toSeen: percentile(stages.toSeen, 95)
      }
    }
  };
}

function stagesText({ stages }: Stream): string {
  const one = (s: Stream['stages']['p50']): string =>
    `written ${s.write.toFixed(1)}, sent ${s.toSend.toFixed(1)}, wire ${s.wire.toFixed(1)}, seen +${s.toSeen.toFixed(1)}`;
  return `p50: ${one(stages.p50)}; p95: ${one(stages.p95)}`;
}

async function yWebsocketServer(): Promise<{ url: string; close(): Promise<void> }> {
  // y-websocket's own server code (bin/utils), in this process, as the comparison.
  const utils = 'y-websocket/bin/utils'; // untyped CommonJS: loaded by name, typed here
  const { setupWSConnection, docs } = (await import(utils)) as {
    setupWSConnection: (conn: unknown, req: unknown) => void;
    docs: Map<string, { destroy(): void; awareness?: { destroy(): void } }>;
  };
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (conn, req) => setupWSConnection(conn, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        // Each shared doc's awareness runs a setInterval until destroyed: left running, it
        // kept `npm run bench -- sync` alive after the results were written.
        for (const doc of docs.values()) {
          doc.awareness?.destroy();
          doc.destroy();
        }
        docs.clear();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      })
  };
}

export default {
  name: 'sync',
  async run(ctx) {
    const figures: Figure[] = [];
    const relay = await startRelay({
      port: 0,
      host: '127.0.0.1',
      dataDir: mkdtempSync(join(tmpdir(), 'guanjia-bench-relay-')),
      log: () => {}
    });
    const page = await ctx.benchPage('sync');
    try {
      // Catch-up: A holds the large demo office (200k request events) and pushes it; B, new,
      // catches up from the relay: decrypt, verify, validate, apply into IndexedDB; then the
      // floor, raw bulkPut of the same rows, in the same page.
      const a = await tablet(ctx, page.url);
      const founding = await a.evaluate(() => window.syncBench.open('bench-sync-a'));
      const total = await a.evaluate(() => window.syncBench.loadLargeOffice());
      await a.evaluate((url) => window.syncBench.connect(url), relay.url);
      await a.evaluate(() => window.syncBench.pushed());
      ctx.log(`sync: relay holds ${total} ops of the large office`);
      // The catch-up is run CATCH_UP_RUNS times, each on a new tablet (the relay keeps what
      // A pushed): one run's ratio to its raw floor moves by ±0.15 with the machine's load, so
      // the figures are those of the median run. The last tablet goes on to compaction.
      const catchUps: CatchUp[] = [];
      let b: Page | undefined;
      for (let run = 0; run < CATCH_UP_RUNS; run++) {
        await b?.context().close();
        const tab = (b = await tablet(ctx, page.url));
        await tab.evaluate((f) => window.syncBench.open('bench-sync-b', f), founding);
        // Each measurement starts on a quiet machine: IndexedDB compacts what the one before
        // wrote for seconds after it, in the browser's threads (machine.ts untilQuiet).
        const quietBefore = await untilQuiet();
        const measured = await profiled(tab, () =>
          tab.evaluate(([url, n]) => window.syncBench.catchUp(url as string, n as number), [
            relay.url,
            total
          ] as const)
        );
        const quietRaw = await untilQuiet();
        catchUps.push({ ...measured, raw: await tab.evaluate(() => window.syncBench.rawFloor()) });
        ctx.log(
          `  sync catch-up run ${run + 1}: waited ${quietBefore} ms for a quiet machine, ` +
            `${quietRaw} ms before its raw floor`
        );
      }
      if (!b) throw new Error('no catch-up ran');
      const catchUp = medianRun(ctx, catchUps);
      figures.push(...catchUpFigures(ctx, catchUp));
      // BENCH_SYNC_ONLY=catchup: the catch-up figures alone (a quicker loop while tuning it).
      if (process.env.BENCH_SYNC_ONLY === 'catchup') {
        await Promise.all([a, b].map((p) => p.context().close()));
        return figures;
      }

      // Compaction (issue 12 §5): B, caught up, drops its log (every device and the relay hold
      // it) and publishes a snapshot; C, new, joins from it — desk usable after the hot part.
      const probe = await b.evaluate(() => window.syncBench.deskProbe());
      const compacted = await b.evaluate(() => window.syncBench.compactAndPublish());
      const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
      ctx.log(
        `compaction: log ${mib(compacted.logBefore)} → ${mib(compacted.logAfter)} ` +
          `(${compacted.chunksDropped} chunks dropped in ${(compacted.compactMs / 1000).toFixed(1)} s); ` +
          `snapshot ${mib(compacted.snapshotBytes)} JSON, ${mib(compacted.sealedBytes)} deflated, ` +
          `built and published in ${(compacted.publishMs / 1000).toFixed(1)} s; rows ${mib(compacted.rowBytes)}`
      );
      const c = await tablet(ctx, page.url);
      await c.evaluate((f) => window.syncBench.open('bench-sync-c', f), founding);
      const join = await c.evaluate(
        ([url, n, p]) =>
          window.syncBench.joinSnapshot(url as string, n as number, p as typeof probe),
        [relay.url, total, probe] as const
      );
      const replayS = catchUp.ms / 1000;
      ctx.log(
        `snapshot join: part 0 merged at ${(join.hotMs / 1000).toFixed(1)} s, desk usable at ` +
          `${(join.usableMs / 1000).toFixed(1)} s (${probe.open} open requests, household found), ` +
          `everything stored at ${(join.ms / 1000).toFixed(1)} s (${join.rows} rows; ` +
          `replaying the log took ${replayS.toFixed(1)} s); ${join.progressEvents} progress updates; ` +
          `raw bulkPut of the same rows ${(join.raw.ms / 1000).toFixed(1)} s`
      );
      const logBytesAfter = compacted.snapshotBytes + compacted.logAfter;
      figures.push(
        {
          name: 'oplog.largeOfficeBytes',
          value: logBytesAfter,
          unit: 'B',
          target: { op: '<=', value: Math.round(1.5 * compacted.rowBytes) }
        },
        { name: 'oplog.largeOfficeRowBytes', value: compacted.rowBytes, unit: 'B' },
        {
          name: 'sync.largeOfficeJoinS',
          value: round(join.ms / 1000, 1),
          unit: 's'
        },
        {
          name: 'sync.largeOfficeUsableS',
          value: round(join.usableMs / 1000, 1),
          unit: 's',
          target: { op: '<=', value: round(0.25 * (join.ms / 1000), 2) }
        },
        {
          name: 'sync.snapshotJoinRowsPerSec',
          value: Math.round(join.rows / (join.ms / 1000)),
          unit: 'rows/s'
        },
        {
          name: 'sync.snapshotRawBulkPutRowsPerSec',
          value: Math.round(join.raw.rows / (join.raw.ms / 1000)),
          unit: 'rows/s'
        }
      );
      await c.evaluate(() => window.syncBench.close());
      await c.context().close();

      // An edit on A visible on B, live through the relay.
      await b.evaluate(() => window.syncBench.watch());
      const relayStream = await editStream(a, b, (p, v) =>
        p.evaluate((value) => window.syncBench.edit(value), v)
      );
      ctx.log(`sync: relay edit stages (ms from the write) ${stagesText(relayStream)}`);
      figures.push(
        { name: 'sync.relayP50Ms', value: round(relayStream.p50, 1), unit: 'ms' },
        {
          name: 'sync.relayP95Ms',
          value: round(relayStream.p95, 1),
          unit: 'ms',
          target: { op: '<', value: 100 }
        },
        { name: 'sync.bytesPerOp', value: Math.round(relayStream.bytesPerOp), unit: 'B' }
      );
      await Promise.all([a, b].map((p) => p.evaluate(() => window.syncBench.close())));
      await Promise.all([a, b].map((p) => p.context().close()));

      // The same stream through y-websocket.
      const y = await yWebsocketServer();
      try {
        const ya = await tablet(ctx, page.url);
        const yb = await tablet(ctx, page.url);
        await Promise.all(
          [ya, yb].map((p) => p.evaluate((url) => window.syncBench.yOpen(url, 'bench'), y.url))
        );
        const yStream = await editStream(ya, yb, (p, v) =>
          p.evaluate((value) => window.syncBench.yEdit(value), v)
        );
        ctx.log(`sync: y-websocket edit stages (ms from the write) ${stagesText(yStream)}`);
        figures.push(
          { name: 'sync.yWebsocketP95Ms', value: round(yStream.p95, 1), unit: 'ms' },
          { name: 'sync.yWebsocketBytesPerOp', value: Math.round(yStream.bytesPerOp), unit: 'B' }
        );
        await Promise.all([ya, yb].map((p) => p.context().close()));
      } finally {
        await y.close();
      }
    } finally {
      await relay.close();
    }

    const load = await relayLoadChild(ctx.root);
    figures.push(
      { name: 'relay.batchesPerSec', value: load.batchesPerSecond, unit: 'batches/s' },
      { name: 'relay.rssMb', value: load.relayRssPeakMiB, unit: 'MiB' }
    );
    return figures;
  }
} satisfies BenchGroup;
