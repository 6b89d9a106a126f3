import type { Page } from '@playwright/test';

/**
 * Wait until the app's service worker is active and controls this page. With clientsClaim the
 * first visit is controlled without a reload; reload once anyway if the claim has not landed.
 * Returns the controlling worker's script URL.
 */
export async function waitForServiceWorker(page: Page): Promise<string> {
  const registered = await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((done) => setTimeout(() => done(false), 20_000))
    ])
  );
  if (!registered) throw new Error('The app registered no service worker within 20 s.');
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 5_000
    })
    .then(() => true)
    .catch(() => false);
  if (!controlled) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
}
