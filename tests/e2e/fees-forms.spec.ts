import { expect, test, type Page } from '@playwright/test';
import { officeWithManager, storeCounts } from './support/office';
import { householdWithOwner } from './support/ticket-steps';

// The fee items form and the opening-balance import (issue 18 §1, §2) on one tablet: bad input
// gets its message at the field and nothing is written (DESIGN.md); a rate change keeps the
// earlier rate as history; a sheet's bad rows are each reported with the reason, and the
// office imports none of it or exactly the good rows.

// A field's message is tied to it (aria-describedby): read it as a screen reader hears it.
const field = (page: Page, name: string) =>
  page
    .getByRole('textbox', { name, exact: true })
    .or(page.getByRole('spinbutton', { name, exact: true }));

test('fee items: bad input refused at the field and nothing written; rates kept as a history', async ({
  page
}) => {
  test.setTimeout(120_000);
  await officeWithManager(page);
  await page.goto('/fees/items');
  await page.getByRole('button', { name: '新增收费项目' }).click();
  const before = await storeCounts(page, ['feeItem', 'oplog']);

  // No name, a due day no month has, a late fee of 0 a day.
  await field(page, '每期缴费日（1–28）').fill('31');
  await page.getByRole('checkbox', { name: '按管理规约收取滞纳金' }).check();
  await field(page, '每日万分之几').fill('0');
  await page.getByRole('button', { name: '保存项目' }).click();
  await expect(field(page, '名称')).toHaveAccessibleDescription(/此项必填/);
  await expect(field(page, '每期缴费日（1–28）')).toHaveAccessibleDescription(/不能大于 28/);
  await expect(field(page, '每日万分之几')).toHaveAccessibleDescription(/不能小于 1/);
  expect(await storeCounts(page, ['feeItem', 'oplog'])).toEqual(before);

  // Those corrected, an end before the start is refused at the end date.
  await field(page, '名称').fill('物业管理费');
  await field(page, '每期缴费日（1–28）').fill('10');
  await field(page, '每日万分之几').fill('5');
  await field(page, '开始日期').fill('2026-01-01');
  await field(page, '结束日期（可选）').fill('2025-12-31');
  await page.getByRole('button', { name: '保存项目' }).click();
  await expect(field(page, '结束日期（可选）')).toHaveAccessibleDescription(/结束不能早于开始/);
  await expect(field(page, '名称')).not.toHaveAccessibleDescription(/此项必填/);
  expect(await storeCounts(page, ['feeItem', 'oplog'])).toEqual(before);

  // Corrected: saved once, with its late-fee rule.
  await field(page, '结束日期（可选）').fill('');
  await page.getByRole('button', { name: '保存项目' }).click();
  await expect(page.locator('[data-item="物业管理费"]')).toBeVisible();
  await expect(page.getByText('滞纳金：每日万分之 5，宽限 0 天，上限 100%')).toBeVisible();
  expect((await storeCounts(page, ['feeItem'])).feeItem).toBe(1);

  // A rate with three decimals is refused at its field; nothing written.
  const rateForm = page.getByRole('form', { name: '新增单价' });
  await rateForm.getByLabel('生效日期').fill('2026-01-01');
  await rateForm.getByLabel('单价（元）').fill('2.555');
  await rateForm.getByRole('button', { name: '新增单价' }).click();
  await expect(rateForm.getByLabel('单价（元）')).toHaveAccessibleDescription(
    /请输入金额，如 1280.50/
  );
  expect((await storeCounts(page, ['feeRate'])).feeRate).toBe(0);

  // ¥2.50 from January, then ¥2.80 from July: both stay, each with its date.
  await rateForm.getByLabel('单价（元）').fill('2.5');
  await rateForm.getByRole('button', { name: '新增单价' }).click();
  await expect(page.getByRole('cell', { name: '¥2.50' })).toBeVisible();
  await rateForm.getByLabel('生效日期').fill('2026-07-01');
  await rateForm.getByLabel('单价（元）').fill('2.8');
  await rateForm.getByRole('button', { name: '新增单价' }).click();
  await expect(page.getByRole('cell', { name: '¥2.80' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '¥2.50' })).toBeVisible();
  expect((await storeCounts(page, ['feeRate'])).feeRate).toBe(2);
});

test('opening balances: each bad row reported with its reason; import none, then exactly the good rows', async ({
  page
}) => {
  test.setTimeout(180_000);
  await officeWithManager(page);
  // Building 2: 2-0101, 2-0102, 2-0201, 2-0202.
  await householdWithOwner(page, '2', '2-0101', '张秀英', '13812345678');
  await page.goto('/fees/opening');
  await page.getByLabel('表中无日期时的应缴日期').fill('2025-12-31');
  const sheet = {
    name: '原系统欠费.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        '房号,欠费金额,应缴日期,备注',
        '2-0101,1280.50,2025-06-10,2025年上半年物业费',
        '9-9999,100,,',
        '2-0102,12.345,,',
        '2-0201,300,2025-13-40,',
        '2-0202,450,,车位费'
      ].join('\n')
    )
  };
  const file = page.getByLabel('选择文件');
  await file.setInputFiles(sheet);
  const problems = page.getByTestId('opening-problems');
  await expect(problems.getByRole('listitem')).toHaveText([
    '第 3 行: 找不到房号“9-9999”',
    '第 4 行: 金额“12.345”不对',
    '第 5 行: 日期“2025-13-40”不对'
  ]);
  await expect(page.getByText('2 行可以导入，合计 ¥1,730.50')).toBeVisible();

  // Import none: the sheet is dropped, nothing written.
  const before = await storeCounts(page, ['bill', 'oplog']);
  await page.getByRole('button', { name: '不导入' }).click();
  await expect(problems).toBeHidden();
  await expect(page.getByRole('button', { name: '导入 2 行' })).toBeHidden();
  expect(await storeCounts(page, ['bill', 'oplog'])).toEqual(before);

  // The same sheet again, and the good rows imported: exactly those two.
  await file.setInputFiles([]);
  await file.setInputFiles(sheet);
  await page.getByRole('button', { name: '导入 2 行' }).click();
  await expect(page.getByTestId('opening-result')).toHaveText('已导入 2 行（0 行已导入过）');
  expect((await storeCounts(page, ['bill'])).bill).toBe(2);

  // The accounts show them: 2-0101 owes ¥1,280.50 as its opening balance.
  await page.goto('/fees');
  await expect(page.locator('tr[data-unit="2-0101"]')).toContainText('¥1,280.50');
  await expect(page.locator('tr[data-unit="2-0202"]')).toContainText('¥450.00');
  await expect(page.locator('tr[data-unit="2-0102"]')).toHaveCount(0);
});
