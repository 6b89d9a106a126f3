// Write-path throughput against raw Dexie: the same n unit rows, the same database and table,
// measured alternately in one Chromium page; medians of several repetitions.
import type { BenchContext } from '../types.ts';
import { median } from '../lib/stats.ts';

export type WriteRatio =
  | { ok: true; ratio: number; rawRowsPerSec: number; pathRowsPerSec: number }
  | { ok: false; reason: string; rawRowsPerSec: number | null };

const rows = 10_000;
const repetitions = 7;

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
    // The write path may not exist yet: measure the baseline alone and say why.
    missing = `write path page did not build (${String(error).split('\n')[0]})`;
    pageName = 'dexie-bulk-put';
  }
  const { context, page } = await openBenchPage(ctx, pageName);
  try {
    const bulkPut = (n: number) => page.evaluate((count) => window.guanjiaBench!.bulkPut(count), n);
    const write = (n: number) =>
      page.evaluate((count) => window.guanjiaBench!.write!(count), n);
    const hasWrite = await page.evaluate(() => typeof window.guanjiaBench?.write === 'function');

    // One small warm-up of each: JIT and IndexedDB's first-open costs are not what we compare.
    await bulkPut(500);
    if (hasWrite) await write(500);
    const rawMs: number[] = [];
    const pathMs: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      // Alternate the order so neither side always runs on a warmer (or more fragmented) disk.
      if (i % 2 === 0 || !hasWrite) rawMs.push(await bulkPut(rows));
      if (hasWrite) pathMs.push(await write(rows));
      if (i % 2 === 1 && hasWrite) rawMs.push(await bulkPut(rows));
    }
    const perSec = (ms: number[]) => rows / (median(ms) / 1000);
    ctx.log(`bulkPut ms: ${rawMs.map((ms) => ms.toFixed(0)).join(', ')}`);
    if (!hasWrite) {
      return { ok: false, reason: missing ?? 'no write path on the page', rawRowsPerSec: perSec(rawMs) };
    }
    ctx.log(`write path ms: ${pathMs.map((ms) => ms.toFixed(0)).join(', ')}`);
    const rawRowsPerSec = perSec(rawMs);
    const pathRowsPerSec = perSec(pathMs);
    return { ok: true, ratio: pathRowsPerSec / rawRowsPerSec, rawRowsPerSec, pathRowsPerSec };
  } finally {
    await context.close();
  }
}
