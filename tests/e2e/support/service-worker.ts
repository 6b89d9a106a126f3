import { expect, type Page } from '@playwright/test';

/**
 * Wait until the app's service worker is active and controls this page. With clientsClaim the
 * first visit is controlled without a reload; reload once anyway if the claim has not landed.
 * Returns the controlling worker's script URL.
 *
 * Installing precaches the whole build (~400 files): with the machine at load 35 (issue 12 §7)
 * that took more than the 20 s this used to allow, so it waits for the worker's state (activated)
 * with a cap of 2 min instead of racing a fixed timer.
 */
export async function waitForServiceWorker(page: Page): Promise<string> {
  await expect
    .poll(
      () =>
        page.evaluate(
          async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'
        ),
      { message: 'the app registers a service worker and it becomes active', timeout: 120_000 }
    )
    .toBe('activated');
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
