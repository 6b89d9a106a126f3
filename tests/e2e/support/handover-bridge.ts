import { expect, type Page } from '@playwright/test';

/**
 * Two browser contexts are two tablets. Until the sync engine runs between them in the
 * tests, this carries the op log (and awareness) between them the way sync does: each side
 * sends what the other's version vector lacks (`chunksSince` → `applyRemoteChunks`), through
 * the handover pages' test hooks (src/routes/(staff)/handover/test-hooks.ts).
 */
export const enableTestHooks = (page: Page) =>
  page.addInitScript(() => localStorage.setItem('guanjia.testHooks', '1'));

async function hooksReady(page: Page) {
  await page.waitForFunction(() => window.guanjiaTest !== undefined);
}

/** One pass of sync from `from` to `to`; returns how many ops arrived. */
export async function pushOps(from: Page, to: Page): Promise<number> {
  await hooksReady(from);
  await hooksReady(to);
  const vector = await to.evaluate(() => window.guanjiaTest!.vector());
  const chunks = await from.evaluate((v) => window.guanjiaTest!.outgoing(v), vector);
  const applied = await to.evaluate((c) => window.guanjiaTest!.incoming(c), chunks);
  const messages = await from.evaluate(() => window.guanjiaTest!.takeMessages());
  await to.evaluate((m) => window.guanjiaTest!.deliverMessages(m), messages);
  return applied;
}

export async function syncBoth(a: Page, b: Page): Promise<void> {
  await pushOps(a, b);
  await pushOps(b, a);
}

/** Keep syncing both ways until `stop()` (a session that stays connected). */
export function keepSyncing(a: Page, b: Page, everyMs = 60): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await syncBoth(a, b).catch(() => undefined);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    }
  };
}

/** Sync until both logs show the same text (updates land in the inbox, then in the doc). */
export async function untilSame(a: Page, b: Page, read: (p: Page) => Promise<string>) {
  await expect
    .poll(async () => {
      await syncBoth(a, b);
      const [ta, tb] = await Promise.all([read(a), read(b)]);
      return ta === tb ? ta : `${ta} ≠ ${tb}`;
    })
    .not.toContain('≠');
}
