import { expect, test, type Page } from '@playwright/test';
import { officeWithManager, signIn } from './support/office';

// Must show (issue 19): with the demo office, Today for a clerk lists the overdue return
// visits and opens one. One tablet with the small demo office for the whole file (loading
// it through the write path is the slow part), people switching user with their PIN.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

let page: Page;

/** A demo staff member of a role, read from the tablet's database (names come from the seed). */
async function staffNamed(role: string): Promise<string> {
  return page.evaluate(async (role) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ name: string; role: string; id: string }[]>((resolve) => {
      const req = db.transaction('staff').objectStore('staff').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return rows.filter((r) => r.role === role).map((r) => r.name)[0];
  }, role);
}

async function switchTo(name: string, pin: string) {
  await page.getByRole('button', { name: '切换用户' }).click();
  await signIn(page, name, pin);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await officeWithManager(page);
  await page.goto('/settings');
  await page.getByRole('button', { name: /^小型/ }).click();
  await expect(page.getByText(/演示数据已载入/)).toBeVisible({ timeout: 280_000 });
  await page.goto('/');
});

test.afterAll(async () => page?.context().close());

test('Today for a clerk lists the overdue return visits and opens one', async () => {
  const clerk = await staffNamed('frontDesk');
  expect(clerk).toBeTruthy();
  await switchTo(clerk, '0000');
  const overdue = page.getByTestId('today-overdue');
  await expect(overdue).toBeVisible({ timeout: 30_000 });
  const visits = overdue.locator('a[data-source="returnVisit"]');
  await expect(visits.first()).toBeVisible();
  expect(await visits.count()).toBeGreaterThan(0);
  await expect(visits.first()).toContainText('维修回访');
  // The counts stay, below the list.
  await expect(page.locator('main').getByText('服务请求', { exact: true })).toBeVisible();
  const number = (await visits.first().locator('.title').innerText()).split(' · ')[0];
  await visits.first().click();
  await expect(page).toHaveURL(/\/tickets\//);
  await expect(page.getByText(number).first()).toBeVisible();
});
