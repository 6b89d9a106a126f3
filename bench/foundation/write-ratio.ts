// Write-path throughput against raw Dexie: the same n unit rows, the same database and table,
// measured in pairs in one Chromium page. IndexedDB's speed drifts during a run (its backing
// store compacts what earlier repetitions deleted, other work loads the machine), so each pair
// gives its own ratio. Whichever side runs first in a pair is measurably slower, so the order
// alternates and the ratio is the geometric mean of the two orders' medians: a factor f on the
// first side gives f·r one way and r/f the other, and sqrt(f·r · r/f) = r.
import type { BenchContext } from '../types.ts';
import { median } from '../lib/stats.ts';

export type WriteRatio =
  | { ok: true; ratio: number; rawRowsPerSec: number; pathRowsPerSec: number }
  | { ok: false; reason: string; rawRowsPerSec: number | null };

const rows = 10_000;
const pairs = 8; // even: as many pairs of each order

async function openBenchPage(ctx: BenchContext, name: string) {
  const benchPage = await ctx.benchPage(name);
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`bench page error: ${error.message}`));
  await page.goto(benchPage.url);
  await page.waitForFunction(() => window.guanjiaBench !== undefined);
  return { context, page };
}

export async function measureWriteRatio(ctx: BenchContext): Promise<WriteRatio> {
  let pageName = 'write-path';
  let missing: string | undefined;
  try {
    await ctx.benchPage(pageName);
  } catch (error) {
    // The write path may not build (yet): measure the baseline alone and say why.
    missing = `write path page did not build (${String(error).split('\n')[0]})`;
    pageName = 'dexie-bulk-put';
  }
  const { context, page } = await openBenchPage(ctx, pageName);
  try {
    const bulkPut = () => page.evaluate((n) => window.guanjiaBench!.bulkPut(n), rows);
    const write = () => page.evaluate((n) => window.guanjiaBench!.write!(n), rows);
    const hasWrite = await page.evaluate(() => typeof window.guanjiaBench?.write === 'function');

    // One warm-up of each: JIT and IndexedDB's first-open costs are not what we compare.
    await bulkPut();
    if (hasWrite) await write();
    const rawMs: number[] = [];
    const pathMs: number[] = [];
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0 || !hasWrite) rawMs.push(await bulkPut());
      if (hasWrite) pathMs.push(await write());
      if (i % 2 === 1 && hasWrite) rawMs.push(await bulkPut());
    }
    const perSec = (ms: number[]) => rows / (median(ms) / 1000);
    ctx.log(`bulkPut ms: ${rawMs.map((ms) => ms.toFixed(0)).join(', ')}`);
    if (!hasWrite) {
      return {
        ok: false,
        reason: missing ?? 'no write path on the page',
        rawRowsPerSec: perSec(rawMs)
      };
    }
    ctx.log(`write path ms: ${pathMs.map((ms) => ms.toFixed(0)).join(', ')}`);
    // rows/s ratio of a pair = raw time / write-path time.
    const ratios = rawMs.map((raw, i) => raw / pathMs[i]);
    ctx.log(
      `pair ratios (raw first, write first, …): ${ratios.map((r) => r.toFixed(2)).join(', ')}`
    );
    const rawFirst = median(ratios.filter((_, i) => i % 2 === 0));
    const writeFirst = median(ratios.filter((_, i) => i % 2 === 1));
    const ratio = Math.sqrt(rawFirst * writeFirst);
    return { ok: true, ratio, rawRowsPerSec: perSec(rawMs), pathRowsPerSec: perSec(pathMs) };
  } finally {
    await context.close();
  }
}
