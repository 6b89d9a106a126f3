import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import { afterPin, defaultOffice, enterPin, officeWithManager, signIn } from './support/office';
import { pdfText } from './support/ticket-steps';

// Must show (issue 19): with the demo office, Today for a clerk lists the overdue return
// visits and opens one; the manager's report shows every indicator with a trend chart,
// prints, and its XLSX holds the same numbers. One tablet with the small demo office for the whole file (loading
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
  await expect(page.getByRole('button', { name: '切换用户' })).toBeVisible(afterPin);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
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

test("the manager's report: every indicator of 004 with a trend chart, printed and in XLSX with the same numbers", async () => {
  await switchTo(defaultOffice.managerName, defaultOffice.pin);
  // A cleaning inspection in the department's register (004 六) shows in its indicator.
  await page.goto('/reports/registers');
  await page.getByLabel('登记类别').last().selectOption({ label: '保洁检查' });
  await page.getByLabel('情况摘要').fill('3号楼公共区域周检');
  await page.getByLabel('检查面积（m²）').fill('1000');
  await page.getByLabel('保洁达标面积（m²）').fill('995');
  await page.getByRole('button', { name: '登记' }).click();
  await expect(page.getByTestId('register-entries')).toContainText('3号楼公共区域周检');

  await page.goto('/reports');
  const rows = page.getByTestId('indicator-row');
  await expect(rows).toHaveCount(14);
  // Chart.js draws each trend into its canvas (it sizes the canvas when it does).
  await expect(page.locator('[data-testid="trend-chart"][style*="height"]')).toHaveCount(14, {
    timeout: 20_000
  });
  await expect(rows.filter({ hasText: '保洁率' }).getByTestId('indicator-value')).toHaveText(
    '99.5%'
  );
  await expect(rows.filter({ hasText: '管理服务费收取率' })).toContainText('暂无数据');
  await expect(rows.first().getByTestId('indicator-explain')).not.toBeEmpty();
  const shown: Record<string, string> = {};
  for (const row of await rows.all()) {
    const name = (await row.locator('h3').innerText()).trim();
    shown[name] = (await row.getByTestId('indicator-value').innerText()).trim();
  }

  // Prints: the print button asks the browser, and the printed page carries every row.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', '1');
  });
  await page.getByRole('button', { name: '打印' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', '1');
  await page.emulateMedia({ media: 'print' });
  const { text } = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  for (const name of Object.keys(shown)) expect(text.replace(/\s/g, '')).toContain(name);

  // XLSX of the whole report: the same numbers as on the screen.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await (await download).path();
  const sheet = await readSheet(readFileSync(file), '品质指标');
  expect(sheet.length).toBe(15);
  for (const row of sheet.slice(1)) {
    const name = String(row[0]).replace(/（.*）$/, '');
    const unit = String(row[0]).match(/（(.*)）$/)?.[1] ?? '';
    const value = row[1] === null ? '—' : `${Number(row[1]).toLocaleString('zh-CN')}${unit}`;
    expect(shown[name], name).toBe(value);
  }
  const trend = await readSheet(readFileSync(file), '12个月趋势');
  expect(trend[0].length).toBe(13);
  expect(trend.length).toBe(15);
});

/** Open Today on a given day of the office's calendar (the page's clock is set, not waited for). */
async function todayOn(isoDateTime: string) {
  await page.clock.setFixedTime(new Date(isoDateTime));
  await page.goto('/');
  const desk = page.getByRole('heading', { name: '工作台' });
  const signInScreen = page.getByRole('heading', { name: '请选择您的名字' });
  const unlock = page.getByRole('button', { name: '解锁' });
  await expect(desk.or(signInScreen).or(unlock)).toBeVisible();
  if (await signInScreen.isVisible())
    await signIn(page, defaultOffice.managerName, defaultOffice.pin);
  else if (await unlock.isVisible()) {
    await unlock.click();
    await enterPin(page, defaultOffice.pin);
  }
  await expect(desk).toBeVisible();
}

test('a CRM plan drafted for 2027 puts the 重阳 visit and 119 fire day on the calendar, and Today shows them on the day', async () => {
  await page.goto('/plan');
  await page.getByLabel('年份').fill('2027');
  await page.getByRole('button', { name: '起草年度计划' }).click();
  await expect(page).toHaveURL(/\/plan\/[^/]+$/);
  await expect(page.getByRole('heading', { name: '2027年度客户关系管理计划' })).toBeVisible();
  // The analysis is drafted from the demo office's data.
  await expect(page.getByLabel('客户状况分析')).toHaveValue(/客户构成：房屋 \d+ 套/);
  const october = page.locator('[data-testid="plan-month"][data-month="2027-10"]');
  await expect(october.getByTestId('plan-task').filter({ hasText: '重阳节' })).toContainText(
    '2027年10月8日'
  );
  const november = page.locator('[data-testid="plan-month"][data-month="2027-11"]');
  await expect(november.getByTestId('plan-task').filter({ hasText: '119消防日' })).toContainText(
    '2027年11月9日'
  );

  // On 重阳 (2027-10-08) Today lists the visit to the elderly; it opens the plan item.
  await todayOn('2027-10-08T09:00:00+08:00');
  const doubleNinth = page
    .locator('[data-testid="today-today"] a[data-source="planTask"]')
    .filter({ hasText: '重阳节' });
  await expect(doubleNinth).toBeVisible({ timeout: 30_000 });
  await expect(doubleNinth).toContainText('特殊关怀走访');
  await doubleNinth.click();
  await expect(page.getByRole('heading', { name: /重阳节：走访慰问老人/ })).toBeVisible();
  await page.getByLabel('完成情况').fill('走访 12 户老人，送去重阳糕');
  await page.getByRole('button', { name: '标记完成' }).click();
  await expect(page.getByText('走访 12 户老人，送去重阳糕')).toBeVisible();

  // On 9 November, 119 fire day is due today.
  await todayOn('2027-11-09T09:00:00+08:00');
  await expect(
    page
      .locator('[data-testid="today-today"] a[data-source="planTask"]')
      .filter({ hasText: '119消防日' })
  ).toBeVisible({ timeout: 30_000 });
  // The year report counts what was done.
  await page.goto('/plan');
  await page.getByRole('link', { name: '2027年度客户关系管理计划' }).click();
  await expect(page.getByRole('heading', { name: '2027年度总结' })).toBeVisible();
  await expect(page.getByText(/走访 12 户老人，送去重阳糕/)).toBeVisible();
});
