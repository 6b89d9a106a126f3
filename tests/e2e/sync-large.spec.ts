import { expect, test } from '@playwright/test';
import { defaultOffice, signIn } from './support/office';
import { firstTablet, spawnRelay, syncIndicator, type RelayProcess } from './sync-support';

/**
 * Issue #4 "Must show": a new device joining the large demo office (200k request events)
 * catches up from the relay with a progress bar, then is usable. Slow by nature (the demo
 * is loaded through the write path on A first), so it has a spec file of its own.
 */
let relay: RelayProcess;
test.beforeAll(async () => {
  relay = await spawnRelay();
});
test.afterAll(async () => relay?.stop());
test.describe.configure({ timeout: 900_000 });
// Loading 200,000 events through the write path takes many minutes on a 2-core machine, so
// this runs on demand (GUANJIA_E2E_SLOW=1 npx playwright test sync-large); `npm run bench -- sync`
// measures the same catch-up (sync.largeOfficeCatchupS) on every run.
test.skip(!process.env.GUANJIA_E2E_SLOW, 'slow: set GUANJIA_E2E_SLOW=1 to run it');

test('a new tablet joins the large demo office with a progress bar and is usable', async ({
  browser
}) => {
  const a = await firstTablet(browser, relay);
  await a.goto('/settings');
  await a.getByRole('button', { name: /^大型/ }).click();
  await expect(a.getByText(/演示数据已载入/)).toBeVisible({ timeout: 600_000 });
  await expect(syncIndicator(a)).toHaveAttribute('data-pending', '0', { timeout: 300_000 });

  await a.goto('/settings/devices');
  await a.getByRole('button', { name: '生成配对码' }).click();
  const link = await a.getByTestId('pairing-link').inputValue();
  const b = await (await browser.newContext()).newPage();
  // Catch-up may be quick or slow against sign-in: remember whether a progress bar ever showed.
  await b.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('progress')) sessionStorage.setItem('sawProgress', '1');
    }).observe(document, { childList: true, subtree: true });
  });
  await b.goto(link);
  await b.getByLabel('本设备名称').fill('新平板');
  await b.getByRole('button', { name: '请求加入' }).click();
  await a.getByRole('button', { name: '批准' }).click();

  // The office and its staff come first: the manager signs in while the history still
  // arrives, which the top bar shows as a progress bar; then the tablet is up to date.
  await expect(b.getByRole('heading', { name: '请选择您的名字' })).toBeVisible({
    timeout: 120_000
  });
  await signIn(b, defaultOffice.managerName, defaultOffice.pin);
  // Done when the bar goes (a direct channel may open meanwhile and share the work).
  await expect(syncIndicator(b).locator('progress')).toHaveCount(0, { timeout: 600_000 });
  await expect(syncIndicator(b)).toHaveAttribute('data-sync-state', /live|direct/);
  expect(await b.evaluate(() => sessionStorage.getItem('sawProgress'))).toBe('1');
  await b.goto('/tickets');
  await expect(b.locator('main a[href*="/tickets/"]').first()).toBeVisible({ timeout: 60_000 });
});
