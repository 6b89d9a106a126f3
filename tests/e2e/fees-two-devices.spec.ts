import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import {
  firstTablet,
  pairedTablet,
  setTabletOnline,
  spawnRelay,
  syncIndicator,
  type RelayProcess
} from './sync-support';
import { addStaffMember, householdWithOwner, switchTo } from './support/ticket-steps';

/**
 * Issue 18 "Must show" on two tablets of one office syncing through a real relay process:
 * finance (the manager) on A sets the management fee and generates the year's bills for the
 * community; the front desk on B, offline, takes a payment that reaches A when B is back; A
 * prints a 催缴通知 and records a call; the collection rate shows in the report, and the
 * exported XLSX holds the same numbers.
 */
let relay: RelayProcess;
test.beforeAll(async () => {
  relay = await spawnRelay();
});
test.afterAll(async () => relay?.stop());

const SYNC = { timeout: 30_000 };
const DESK = '李娜';
const DESK_PIN = '1357';
const OWNER = '张秀英';
const PHONE = '13812345678';
// The year before this one: every month's bill is overdue whatever the day the test runs.
const YEAR = new Date().getFullYear() - 1;

/** An account's total as shown (¥1,234.50). */
const total = (page: Page, which: string) => page.locator(`[data-total="${which}"]`);

test('the year’s bills for a community; a payment taken offline on B reaches A; a reminder printed and a call recorded; the collection rate in the report and its XLSX', async ({
  browser
}) => {
  test.setTimeout(300_000);
  const a = await firstTablet(browser, relay);
  await addStaffMember(a, DESK, '客服前台', DESK_PIN);
  // Building 2: two floors of two flats of 89 m² (2-0101 … 2-0202), an owner in 2-0101.
  await householdWithOwner(a, '2', '2-0101', OWNER, PHONE);
  const b = await pairedTablet(browser, a, '前台平板');
  await switchTo(b, DESK, DESK_PIN);

  // A (the manager): the management fee, ¥2.50 per m² a month from 1 January, due on the 10th.
  await a.goto('/fees/items');
  await a.getByRole('button', { name: '新增收费项目' }).click();
  await a.getByLabel('名称').fill('物业管理费');
  await a.getByLabel('开始日期').fill(`${YEAR}-01-01`);
  await a.getByRole('button', { name: '保存项目' }).click();
  const rateForm = a.getByRole('form', { name: '新增单价' });
  await rateForm.getByLabel('生效日期').fill(`${YEAR}-01-01`);
  await rateForm.getByLabel('单价（元）').fill('2.5');
  await rateForm.getByRole('button', { name: '新增单价' }).click();
  await expect(a.getByRole('cell', { name: '¥2.50' })).toBeVisible();

  // The year's bills for the community: 4 units × 12 months; a second run adds none.
  await a.goto('/fees/run');
  await a.getByLabel('从').fill(`${YEAR}-01`);
  await a.getByLabel('到').fill(`${YEAR}-12`);
  await a.getByRole('button', { name: '预览' }).click();
  await expect(a.getByTestId('run-preview')).toContainText('将新生成 48 张，金额 ¥10,680.00');
  await a.getByRole('button', { name: '生成 48 张账单' }).click();
  await expect(a.getByTestId('run-result')).toHaveText(
    '已生成 48 张账单（0 张已存在，未重复生成）'
  );
  await a.getByRole('button', { name: '预览' }).click();
  await expect(a.getByTestId('run-preview')).toContainText('其中 48 张已存在，将新生成 0 张');

  // B, the front desk: the bills arrive by sync; B sees no bill run or fee items.
  await b.goto('/fees');
  await expect(b.getByRole('link', { name: '账单生成' })).toHaveCount(0);
  await b.getByLabel('房号').fill('2-0101');
  await b.getByRole('button', { name: '打开账户' }).click();
  await expect(total(b, 'charged')).toHaveText('¥2,670.00', SYNC);
  await expect(total(b, 'paid')).toHaveText('¥0.00');

  // B goes offline and takes a partial payment at the counter: ¥1,000.00 by WeChat Pay.
  await setTabletOnline(b, false);
  await expect(syncIndicator(b)).toHaveAttribute('data-sync-state', 'offline');
  // The switch reloads the page: the account is opened again.
  await b.goto('/fees');
  await b.getByLabel('房号').fill('2-0101');
  await b.getByRole('button', { name: '打开账户' }).click();
  await expect(total(b, 'charged')).toHaveText('¥2,670.00');
  await b.getByLabel('金额（元）').fill('1000');
  await b.getByLabel('收据号').fill('R-0001');
  await b.getByRole('button', { name: '确认收款' }).click();
  const receipt = b.getByTestId('receipt');
  await expect(receipt).toContainText('¥1,000.00');
  await expect(receipt).toContainText('壹仟元整');
  await expect(receipt).toContainText('R-0001');
  await expect(syncIndicator(b)).toHaveAttribute('data-pending', /[1-9]/);

  // A has not seen it yet; once B is back online it has.
  await a.goto('/fees');
  await a.getByLabel('房号').fill('2-0101');
  await a.getByRole('button', { name: '打开账户' }).click();
  await expect(total(a, 'charged')).toHaveText('¥2,670.00');
  await expect(total(a, 'paid')).toHaveText('¥0.00');
  await setTabletOnline(b, true);
  await expect(total(a, 'paid')).toHaveText('¥1,000.00', SYNC);
  await expect(total(a, 'open')).toHaveText('¥1,670.00');
  await expect(a.locator('[data-receipt="R-0001"]')).toContainText('微信支付');
  await expect(a.locator('[data-receipt="R-0001"]')).toContainText(DESK);

  // A prints the 催缴通知 of 2-0101: the overdue bills (Jan–Apr settled oldest first, and part
  // of May), the total, and the reminder recorded in the unit's history.
  await a.getByRole('link', { name: '催缴通知' }).first().click();
  const notice = a.getByTestId('fee-notice');
  await expect(notice).toContainText(`${OWNER} 业户（房号 2-0101）`);
  await expect(a.getByTestId('notice-total')).toHaveText('¥1,670.00');
  await a.evaluate(() => {
    // Headless Chromium has no print dialog: count the calls instead.
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => void w.printed++;
  });
  await a.getByRole('button', { name: '打印并记录' }).click();
  await expect
    .poll(() => a.evaluate(() => (window as unknown as { printed: number }).printed))
    .toBe(1);
  await a.emulateMedia({ media: 'print' });
  await expect(notice).toBeVisible();
  await expect(a.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await a.emulateMedia({ media: 'screen' });

  // A records a call from the arrears list: promised to pay.
  await a.goto('/fees');
  const row = a.locator('tr[data-unit="2-0101"]');
  await expect(row).toContainText('¥1,670.00');
  await expect(row).toContainText('已打印催缴通知');
  await expect(a.locator('tr[data-unit="2-0102"]')).toContainText('¥2,670.00');
  await row.getByRole('button', { name: '记录电话' }).click();
  const dialog = a.getByRole('dialog');
  await dialog.getByLabel('结果').selectOption({ label: '承诺缴费' });
  await dialog.getByLabel('承诺缴费日期').fill(`${YEAR + 1}-12-31`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('电话：承诺缴费');
  // B sees both reminders in the unit's history.
  await b.goto('/fees');
  await expect(b.locator('tr[data-unit="2-0101"]')).toContainText('电话：承诺缴费', SYNC);

  // The collection rate of the year: ¥1,000.00 collected of ¥10,680.00 receivable = 9.4 %.
  await a.goto('/fees/report');
  await a.getByLabel('从').fill(`${YEAR}-01`);
  await a.getByLabel('到').fill(`${YEAR}-12`);
  await expect(a.getByTestId('receivable')).toHaveText('¥10,680.00');
  await expect(a.getByTestId('collected')).toHaveText('¥1,000.00');
  await expect(a.getByTestId('collection-rate')).toHaveText('9.4%');
  // January to April: 2-0101's ¥222.50 of each month's ¥890.00; May: the ¥110.00 left over.
  await expect(a.locator(`tr[data-key="${YEAR}-01"]`)).toContainText('¥222.50');
  await expect(a.locator(`tr[data-key="${YEAR}-01"]`)).toContainText('25%');
  await expect(a.locator(`tr[data-key="${YEAR}-05"]`)).toContainText('¥110.00');
  await expect(a.locator('svg[role="img"] rect')).toHaveCount(12);

  const download = a.waitForEvent('download');
  await a.getByRole('button', { name: '导出 XLSX' }).click();
  const file = await (await download).path();
  const sheet = await readSheet(await readFile(file));
  expect(sheet[0]).toEqual(['月份', '应收', '实收', '收缴率']);
  expect(sheet).toHaveLength(14);
  expect(sheet[1]).toEqual([`${YEAR}-01`, 890, 222.5, 0.25]);
  expect(sheet[5]).toEqual([`${YEAR}-05`, 890, 110, 0.1236]);
  expect(sheet[13]).toEqual(['合计', 10_680, 1_000, 0.0936]);
});
