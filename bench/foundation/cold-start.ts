// Offline cold start: one online visit installs the service worker; then, with the network gone,
// a new page load in the same browser context, from navigation start to the app's ready marker.
import { serve } from '../../scripts/serve.js';
import { median } from '../lib/stats.ts';
import type { BenchContext } from '../types.ts';
import {
  detectMarker,
  markerDescriptions,
  waitForMarker,
  type MarkerKind
} from './ready-marker.ts';
import { watchMarkers } from './ready-marker.ts';

export type ColdStart =
  | { ok: true; medianMs: number; runsMs: number[]; marker: MarkerKind }
  | { ok: false; reason: string };

const loads = 5;

export async function measureOfflineColdStart(ctx: BenchContext, path = '/'): Promise<ColdStart> {
  // A server of its own, closed before the offline loads: nothing can come from the network
  // even if the browser's offline emulation missed a request of the service worker.
  const server = await serve({ dir: ctx.app.dir, port: 0, quiet: true });
  const context = await ctx.browser.newContext();
  let serverOpen = true;
  try {
    await watchMarkers(context);
    const online = await context.newPage();
    const errors: string[] = [];
    online.on('pageerror', (error) => errors.push(error.message));
    await online.goto(server.url + path, { waitUntil: 'load' });
    const marker = await detectMarker(online);
    if (!marker) return { ok: false, reason: 'the page shows no ready marker and no <main>' };
    const worker = await online.evaluate(async () => {
      if (!('serviceWorker' in navigator)) return 'unsupported';
      // The app registers its worker after load; give it time to register and finish precaching.
      for (let waited = 0; waited < 20_000; waited += 200) {
        if (await navigator.serviceWorker.getRegistration()) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      if (!(await navigator.serviceWorker.getRegistration())) return 'none';
      const timeout = new Promise<string>((r) => setTimeout(() => r('not activated'), 60_000));
      return Promise.race([navigator.serviceWorker.ready.then(() => 'ready'), timeout]);
    });
    if (worker !== 'ready') {
      const pageError = errors.length ? ` (page error: ${errors[0]})` : '';
      return { ok: false, reason: `service worker: ${worker}${pageError}` };
    }
    await online.close();

    await server.close();
    serverOpen = false;
    await context.setOffline(true);
    const runsMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      const page = await context.newPage();
      try {
        const response = await page.goto(server.url + path, { waitUntil: 'commit' });
        if (!response?.fromServiceWorker()) {
          return { ok: false, reason: 'the offline page did not come from the service worker' };
        }
        runsMs.push(await waitForMarker(page, marker));
      } catch (error) {
        return { ok: false, reason: `offline load failed: ${String(error).split('\n')[0]}` };
      } finally {
        await page.close();
      }
    }
    ctx.log(
      `offline cold start runs (ms): ${runsMs.map((ms) => ms.toFixed(0)).join(', ')}; ` +
        `marker: ${markerDescriptions[marker]}`
    );
    return { ok: true, medianMs: median(runsMs), runsMs, marker };
  } finally {
    await context.close();
    if (serverOpen) await server.close();
  }
}
