// BENCH_PROFILE=<file.cpuprofile>: a CPU profile of one page while `run` runs (open it in
// Chromium DevTools' Performance panel), to see where a figure's main-thread time goes.
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export async function profiled<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
  }
}
