import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawnRelay, useRelay, type RelayProcess } from './sync-support';
import { officeWithManager } from './support/office';

/**
 * Issue 21 §4 "Must show" (browser): two demo offices, each on its own tablet with its own
 * real relay process; a company device paired into both through the real pairing flow
 * (each office's manager approves it) shows both communities' indicators side by side, the
 * same figures as each office's own report; it offers no write action, and leaving an
 * office deletes that office's data from it.
 */
let relays: RelayProcess[] = [];
test.beforeAll(async () => {
  relays = await Promise.all([spawnRelay(), spawnRelay()]);
});
test.afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()));
});
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const offices = [
  { officeName: '东湖物业服务中心', communityName: '东湖花园', seed: '1688' },
  { officeName: '西山物业服务中心', communityName: '西山苑', seed: '2024' }
];

/** A tablet with a new office, syncing through its relay, with a small demo of its own seed. */
async function demoTablet(
  browser: Browser,
  relay: RelayProcess,
  office: (typeof offices)[number]
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await officeWithManager(page, office);
  await useRelay(page, relay.url);
  await page.goto('/settings');
  await page.getByLabel('演示编号（可选）').fill(office.seed);
  await page.getByRole('button', { name: /^小型/ }).click();
  await expect(page.getByText(/演示数据已载入/)).toBeVisible({ timeout: 300_000 });
  return page;
}

/**
 * The office's manager makes a pairing code; the company device asks; the manager approves;
 * the company device then lists `joined` offices.
 */
async function pairCompany(tablet: Page, company: Page, joined: number): Promise<void> {
  await tablet.goto('/settings/devices');
  await tablet.getByRole('button', { name: '生成配对码' }).click();
  const link = await tablet.getByTestId('pairing-link').inputValue();
  await company.getByLabel('配对链接').fill(link);
  await company.getByLabel('本设备名称').fill('集团品质部');
  await company.getByRole('button', { name: '请求加入' }).click();
  await expect(tablet.getByText('“集团品质部”请求以公司设备')).toBeVisible();
  await tablet.getByRole('button', { name: '批准' }).click();
  await expect(tablet.getByText('已添加 集团品质部')).toBeVisible();
  // Not the "joined" toast: it fades after 4 s, and on a busy machine the check above can
  // take longer than that. The list of offices keeps the outcome.
  await expect(company.getByTestId('company-office')).toHaveCount(joined);
}

test('a company device paired into two demo offices shows both side by side, read-only', async ({
  browser
}) => {
  const tablets = await Promise.all(offices.map((o, i) => demoTablet(browser, relays[i], o)));

  const company = await (await browser.newContext()).newPage();
  // A new device: the first screen offers the company device's own page.
  await company.goto('/');
  await company.getByRole('link', { name: '公司设备（只读，多个物业服务中心）' }).click();
  await expect(company.getByRole('heading', { name: '公司视图' })).toBeVisible();
  await expect(company.getByText('本设备尚未加入任何物业服务中心。')).toBeVisible();

  for (const [i, tablet] of tablets.entries()) await pairCompany(tablet, company, i + 1);

  // Both offices' data arrives, each through its own relay, into its own database.
  const table = company.getByTestId('company-table');
  const headers = table.locator('thead th[data-office]');
  await expect(headers).toHaveCount(2, { timeout: 300_000 });
  await expect(headers.nth(0)).toContainText(offices[0].officeName);
  await expect(headers.nth(1)).toContainText(offices[1].officeName);
  await expect(headers.nth(0)).toContainText(offices[0].communityName);
  await expect(headers.nth(1)).toContainText(offices[1].communityName);
  const statuses = company.locator('[data-testid="company-office"] .status');
  await expect(statuses.nth(0)).toHaveAttribute('data-state', 'live', { timeout: 300_000 });
  await expect(statuses.nth(1)).toHaveAttribute('data-state', 'live', { timeout: 300_000 });

  // The month whose figures the offices' own reports show.
  const month = await tablets[0].evaluate(() => {
    const d = new Date(Date.now() + 8 * 3_600_000);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 7);
  });
  await company.getByLabel('月份').fill(month);
  await expect(company.getByRole('heading', { name: `并排对照（${month}）` })).toBeVisible();

  // A figure that differs between the two demo offices (another seed, other households and
  // requests): the yearly complaint rate of 004, each column its own office's.
  const complaints = table.locator('tr[data-row="complaints"] td .value');
  await expect(complaints).toHaveCount(2);
  await expect(complaints.nth(0)).toHaveText(/‰$/);
  await expect(complaints.nth(1)).toHaveText(/‰$/);
  const [east, west] = await complaints.allInnerTexts();
  expect(east).not.toBe(west);
  await expect(table.locator('tr[data-row="openComplaints"] td')).toHaveCount(2);
  await expect(table.locator('tr[data-row="overdue"] td')).toHaveCount(2);

  // A phone: the page fits 390 px; the table scrolls sideways inside its own box.
  await company.setViewportSize({ width: 390, height: 844 });
  await expect(headers.nth(1)).toBeAttached();
  expect(
    await company.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
  ).toBe(true);
  await company.setViewportSize({ width: 1024, height: 768 });

  // Read-only: nothing on the page writes an office's records — no record form, no edit;
  // the only form is the one that asks to join another office.
  await expect(
    company.getByRole('button', { name: /保存|新建|编辑|删除|登记|派工|作废|修改/ })
  ).toHaveCount(0);
  await expect(company.locator('form')).toHaveCount(1);
  // Each office lists it as a company device paired read-only.
  await tablets[0].goto('/settings/devices');
  await expect(tablets[0].getByText('集团品质部').first()).toBeVisible();

  // The export: an XLSX of the side-by-side table.
  const download = company.waitForEvent('download');
  await company.getByRole('button', { name: '导出 Excel' }).click();
  expect((await download).suggestedFilename()).toBe(`公司指标对照-${month}.xlsx`);

  // Leaving an office deletes its database from this device; the other stays.
  const leave = company.getByTestId('company-office').nth(0);
  await leave.getByRole('button', { name: '退出该中心' }).click();
  await company.getByRole('alert').getByText(`退出“${offices[0].officeName}”？`).isVisible();
  await leave.getByRole('button', { name: '退出该中心' }).click();
  await expect(headers).toHaveCount(1);
  await expect(headers.nth(0)).toContainText(offices[1].officeName);
  const names = await company.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '')
  );
  expect(names.filter((n) => n.startsWith('guanjia-office-'))).toHaveLength(1);

  // Offline: with both relays gone, the page still shows what this device holds.
  await Promise.all(relays.map((r) => r.stop()));
  await company.reload();
  await company.getByLabel('月份').fill(month);
  await expect(headers).toHaveCount(1);
  await expect(headers.nth(0)).toContainText(offices[1].officeName);
  await expect(table.locator('tr[data-row="complaints"] td .value')).toHaveText(west);
});
