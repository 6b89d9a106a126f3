// Shift handover (issue #7): a year of shifts (1,100 shift records and documents), the list and a
// document opening; storage per year with and without compaction of the Yjs updates; and a
// keystroke on A visible on B, through the op log in one page and between two tablets through
// the relay and over WebRTC. Browser side: bench/pages/handover-year.ts, handover-live.ts.
import { relayKeystrokes, webrtcKeystrokes, type KeystrokeLatency } from '../handover/live.ts';
import { median, round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

/** A keystroke's p95 between two tablets, or null with the reason when that road failed. */
async function between(
  ctx: BenchContext,
  name: string,
  road: string,
  measure: (ctx: BenchContext) => Promise<KeystrokeLatency>
): Promise<Figure> {
  const target = { op: '<=', value: 100 } as const;
  try {
    const r = await measure(ctx);
    ctx.log(
      `keystroke A → B ${road}: ${r.samples} keystrokes, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`
    );
    return { name, value: round(r.p95), unit: 'ms', target };
  } catch (error) {
    const note = `${road} keystroke bench failed: ${String(error).split('\n')[0]}`;
    return { name, value: null, unit: 'ms', target, note };
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const SHIFTS = 1100;

async function run(ctx: BenchContext): Promise<Figure[]> {
  const benchPage = await ctx.benchPage('handover-year');
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`handover page error: ${error.message}`));
  try {
    await page.goto(benchPage.url);
    await page.waitForFunction(() => window.handoverBench !== undefined);
    const year = await page.evaluate((n) => window.handoverBench.seedYear(n), SHIFTS);
    ctx.log(
      `seeded ${year.shifts} shifts; ${year.rowsPerDoc.toFixed(0)} stored updates per document uncompacted`
    );

    await page.evaluate(() => window.handoverBench.listYear()); // warm-up
    const list: number[] = [];
    for (let i = 0; i < 7; i++)
      list.push(await page.evaluate(() => window.handoverBench.listYear()));
    ctx.log(`list ms: ${list.map((ms) => ms.toFixed(1)).join(', ')}`);

    await page.evaluate(() => window.handoverBench.openDoc()); // warm-up
    const docs: number[] = [];
    for (let i = 0; i < 20; i++)
      docs.push(await page.evaluate(() => window.handoverBench.openDoc()));
    ctx.log(`doc open ms: ${docs.map((ms) => ms.toFixed(1)).join(', ')}`);

    const keys = await page.evaluate(() => window.handoverBench.keystrokes(60));
    const pipeline = keys.slice(10);
    ctx.log(`keystroke through the op log (no network) p50 ${median(pipeline).toFixed(1)} ms`);

    const rowsAfter = await page.evaluate(() => window.handoverBench.growth(80));
    ctx.log(`a document opened 80 times with typing between: ${rowsAfter} stored rows`);

    const relay = await between(ctx, 'handover.relayP95Ms', 'through the relay', relayKeystrokes);
    const webrtc = await between(ctx, 'handover.webrtcP95Ms', 'over WebRTC', webrtcKeystrokes);
    return [
      relay,
      webrtc,
      { name: 'handover.pipelineP95Ms', value: round(percentile(pipeline, 95)), unit: 'ms' },
      {
        name: 'handover.listOpenMs',
        value: round(median(list)),
        unit: 'ms',
        target: { op: '<=', value: 100 }
      },
      {
        name: 'handover.docOpenMs',
        value: round(percentile(docs, 95)),
        unit: 'ms',
        target: { op: '<=', value: 50 }
      },
      { name: 'handover.yearBytes', value: year.yearBytes, unit: 'B' },
      { name: 'handover.yearBytesCompacted', value: year.yearBytesCompacted, unit: 'B' },
      { name: 'handover.oplogYearBytes', value: year.oplogYearBytes, unit: 'B' },
      { name: 'handover.rowsAfter80Opens', value: rowsAfter, unit: 'rows' }
    ];
  } finally {
    await context.close();
  }
}

export default { name: 'handover', run } satisfies BenchGroup;
