import { expect, test } from '@playwright/test';
import { defaultOffice, signIn, storeCounts } from './support/office';
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
  const approvedAt = Date.now();

  // The office and its staff come first: the manager signs in while the history still
  // arrives, which the top bar shows as a progress bar.
  await expect(b.getByRole('heading', { name: '请选择您的名字' })).toBeVisible({
    timeout: 120_000
  });
  await signIn(b, defaultOffice.managerName, defaultOffice.pin);
  await expect(b.getByRole('heading', { name: '工作台' })).toBeVisible({ timeout: 120_000 });
  // Caught up: every request, event, unit and person of A is on B (a direct channel may open
  // meanwhile and share the work).
  const tables = ['ticket', 'ticketEvent', 'unit', 'person'];
  const onA = await storeCounts(a, tables);
  await expect
    .poll(() => storeCounts(b, tables), { timeout: 600_000, intervals: [2_000] })
    .toEqual(onA);
  // Reported, not asserted (timings belong in the bench: sync.largeOfficeCatchupS).
  test.info().annotations.push({
    type: 'catch-up',
    description: `${((Date.now() - approvedAt) / 1000).toFixed(1)} s from approval until B holds A's ${onA.ticketEvent} request events`
  });
  // And the top bar says so: the bar has gone, live through the relay or direct.
  await expect(syncIndicator(b).locator('progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(syncIndicator(b)).toHaveAttribute('data-sync-state', /live|direct/);
  expect(await b.evaluate(() => sessionStorage.getItem('sawProgress'))).toBe('1');
  // Usable: the request board (its index is derived on this tablet from the new history).
  const boardAt = Date.now();
  await b.goto('/tickets');
  await expect(b.locator('main a[href*="/tickets/"]').first()).toBeVisible({ timeout: 60_000 });
  test.info().annotations.push({
    type: 'board',
    description: `${((Date.now() - boardAt) / 1000).toFixed(1)} s until the request board lists`
  });
});
