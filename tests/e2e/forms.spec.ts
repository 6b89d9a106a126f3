import { expect, test, type Page } from '@playwright/test';
import { officeWithManager, storeCounts } from './support/office';
import { confirmDialog, householdWithOwner, step, takeRepair } from './support/ticket-steps';

// The desk's forms report a refused entry the same way everywhere (DESIGN.md: "bad input gets
// a clear message at the field"): the message at its field, nothing written, the form kept;
// a good entry is saved, said, and the form is ready for the next one.

// A field's message is tied to it (aria-describedby): read it as a screen reader hears it.
const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test('request categories and incidents: refused at the field, then saved and the form emptied', async ({
  page
}) => {
  await officeWithManager(page);

  await page.goto('/tickets/categories');
  const categories = page.locator('form', { has: page.getByRole('button', { name: '新增' }) });
  await categories.getByRole('button', { name: '新增' }).click();
  await expect(field(page, '分类')).toHaveAccessibleDescription('此项必填');
  await categories.getByRole('textbox', { name: '分类' }).fill('楼道灯不亮');
  await categories.getByRole('button', { name: '新增' }).click();
  await expect(page.getByRole('cell', { name: '楼道灯不亮' })).toBeVisible();
  await expect(categories.getByRole('textbox', { name: '分类' })).toHaveValue('');
  await expect(field(page, '分类')).not.toHaveAccessibleDescription('此项必填');

  await page.goto('/tickets/incidents');
  const before = await storeCounts(page, ['incident', 'oplog']);
  await page.getByRole('button', { name: '登记事件' }).click();
  await expect(field(page, '标题')).toHaveAccessibleDescription('此项必填');
  await expect(
    page.getByRole('textbox', { name: /^对来电的解释口径/ })
  ).toHaveAccessibleDescription(/此项必填/);
  expect(await storeCounts(page, ['incident', 'oplog'])).toEqual(before);

  await field(page, '标题').fill('3号楼停水');
  await page.getByRole('textbox', { name: /^对来电的解释口径/ }).fill('市政管网维修，18:00 恢复');
  await page.getByRole('button', { name: '登记事件' }).click();
  await expect(page.getByText('已登记事件')).toBeVisible();
  await expect(page.getByRole('heading', { name: '停水 · 3号楼停水' })).toBeVisible();
  await expect(field(page, '标题')).toHaveValue('');
  expect((await storeCounts(page, ['incident'])).incident).toBe(before.incident + 1);
});

test('a request step refused at its field keeps the dialog open; fixed, it is recorded', async ({
  page
}) => {
  await officeWithManager(page);
  await householdWithOwner(page, '2', '2-0101', '张秀英', '13812345678');
  await takeRepair(page, '张秀英', '厨房水龙头漏水');

  const before = await storeCounts(page, ['ticketEvent']);
  await step(page, '写备注');
  const dialog = page.getByRole('dialog');
  const note = dialog.getByRole('textbox', { name: /^备注/ });
  await dialog.getByRole('button', { name: '确认' }).click();
  await expect(note).toHaveAccessibleDescription(/此项必填/);
  await expect(dialog).toBeVisible();
  expect(await storeCounts(page, ['ticketEvent'])).toEqual(before);

  await note.fill('业主下午三点后在家');
  await confirmDialog(page);
  expect((await storeCounts(page, ['ticketEvent'])).ticketEvent).toBe(before.ticketEvent + 1);

  // Opened again for the next step, the dialog starts clean.
  await step(page, '写备注');
  await expect(dialog.getByRole('textbox', { name: /^备注/ })).toHaveValue('');
  await expect(dialog.getByRole('textbox', { name: /^备注/ })).not.toHaveAccessibleDescription(
    /此项必填/
  );
});

test('a handover signature without a signer, or by the same person, is refused and signs nothing', async ({
  page
}) => {
  const office = await officeWithManager(page);
  await page.goto('/handover');
  await page.getByRole('button', { name: '打开本班交接记录' }).click();
  await page.getByRole('button', { name: '交班签字' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('签字人 PIN 码').fill(office.pin);
  await dialog.getByRole('button', { name: '确认签字' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('handover-status')).toHaveText('待接班');

  const before = await storeCounts(page, ['handoverEvent']);
  await page.getByRole('button', { name: '接班签字' }).click();
  const signer = dialog.getByRole('combobox', { name: '签字人' });
  await dialog.getByLabel('签字人 PIN 码').fill(office.pin);
  await dialog.getByRole('button', { name: '确认签字' }).click();
  await expect(signer).toHaveAccessibleDescription('请选择签字人');
  await expect(signer).toHaveAttribute('aria-invalid', 'true');

  await signer.selectOption({ label: office.managerName });
  await dialog.getByRole('button', { name: '确认签字' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('接班人不能与交班人是同一人');
  expect(await storeCounts(page, ['handoverEvent'])).toEqual(before);

  // Cancelled and opened again: the last refusal is gone.
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '接班签字' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(signer).not.toHaveAttribute('aria-invalid', 'true');
});
