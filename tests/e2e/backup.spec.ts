import { expect, test } from '@playwright/test';
import { tableNames } from '../../src/lib/domain/table-names';
import { demoOffice } from './support/demo';
import { afterPin, signIn, storeCounts } from './support/office';

/**
 * Issue 20 "Must show": the demo office's backup (设置 → 备份) restored on a fresh browser
 * profile (setup → 从备份恢复) gives identical store counts and the same household page.
 */
test('backup of the demo office restores on a fresh profile: same counts, same household page', async ({
  browser
}) => {
  test.setTimeout(600_000);
  const a = await browser.newContext();
  const page = await a.newPage();
  const office = await demoOffice(page);

  await page.goto('/households');
  const household = page.locator('main tbody a[href*="/households/"]').first();
  await household.waitFor();
  const href = (await household.getAttribute('href')) ?? '';
  await page.goto(href);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
  const before = await page.locator('main').innerText();

  const stores = [...tableNames, 'blobs'];
  const counts = await storeCounts(page, stores);
  expect(counts.person).toBeGreaterThan(1000);

  await page.goto('/settings');
  const downloading = page.waitForEvent('download', { timeout: 300_000 });
  await page.getByRole('button', { name: '下载备份' }).click();
  const file = await (await downloading).path();

  const b = await browser.newContext();
  const fresh = await b.newPage();
  await fresh.goto('/');
  await fresh.getByRole('button', { name: '从备份恢复' }).click();
  await fresh.getByLabel('备份文件').setInputFiles(file);
  await expect(fresh.getByRole('heading', { name: '请选择您的名字' })).toBeVisible({
    timeout: 400_000
  });
  // The blobs are stored after the records: wait for the last of them.
  await expect.poll(() => storeCounts(fresh, stores), { timeout: 60_000 }).toEqual(counts);

  await signIn(fresh, office.managerName, office.pin);
  await expect(fresh.getByRole('heading', { name: '工作台' })).toBeVisible(afterPin);
  await fresh.goto(href);
  await expect(fresh.locator('main h1')).toBeVisible();
  await expect(fresh.locator('main [aria-busy="true"]')).toHaveCount(0);
  await expect.poll(() => fresh.locator('main').innerText()).toBe(before);
  await a.close();
  await b.close();
});
