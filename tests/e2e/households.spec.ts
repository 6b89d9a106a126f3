import { expect, test, type Page } from '@playwright/test';
import { enterPin, officeWithManager, storeCounts } from './support/office';

// Issue 5 "Must show": the registry, the household page, search from the top bar, and
// masked phones with a logged reveal — as the desk would use them, in Simplified Chinese.

async function generateBuilding(page: Page, code: string, toFloor: number, perFloor: number) {
  await page.getByRole('link', { name: '房屋' }).first().click();
  await page.getByLabel('楼栋号').fill(code);
  await page.getByLabel('最高楼层').fill(String(toFloor));
  await page.getByLabel('每层户数').fill(String(perFloor));
  await page.getByRole('button', { name: '生成楼栋' }).click();
  await expect(page.getByRole('heading', { name: `${code}栋` })).toBeVisible();
}

async function openUnit(page: Page, code: string, status = '空置') {
  await page.getByRole('button', { name: `${code}，${status}` }).click();
  await page.getByRole('link', { name: '打开住户页' }).click();
  await expect(page.getByRole('heading', { name: code, level: 1 })).toBeVisible();
}

async function register(page: Page, role: string, name: string, phone: string) {
  const open = page.getByRole('button', { name: '登记住户' });
  if (await open.isVisible()) await open.click();
  const form = page.locator('form', {
    has: page.getByRole('button', { name: '登记', exact: true })
  });
  await form.getByLabel('身份').selectOption({ label: role });
  await form.getByRole('textbox', { name: '姓名', exact: true }).fill(name);
  await form.getByRole('textbox', { name: '手机', exact: true }).fill(phone);
  await form.getByRole('button', { name: '登记', exact: true }).click();
}

async function search(page: Page, text: string) {
  const box = page.getByRole('combobox', { name: '搜索住户或房屋' });
  await box.fill(text);
  return page.getByRole('listbox', { name: '搜索结果' });
}

test('generator, owner and tenant, household page, search three ways, masked and revealed phones', async ({
  page
}) => {
  await officeWithManager(page);
  await generateBuilding(page, '3', 18, 4);
  // 1–18 层，每层 4 户，编号 0101…1804
  await expect(page.getByRole('button', { name: /^3-\d{4}，空置$/ })).toHaveCount(72);
  await expect(page.getByRole('button', { name: '3-0101，空置' })).toBeVisible();
  await expect(page.getByRole('button', { name: '3-1804，空置' })).toBeVisible();

  await openUnit(page, '3-1201');
  await register(page, '业主', '张三', '13812345678');
  await expect(page.getByRole('heading', { name: '张三' })).toBeVisible();
  await register(page, '租户', '李四', '13998765432');
  await expect(page.getByRole('heading', { name: '李四' })).toBeVisible();
  const unitUrl = page.url();
  expect(await storeCounts(page, ['person', 'occupancy'])).toEqual({ person: 2, occupancy: 2 });
  // The timeline shows both moving in.
  await expect(page.getByText('张三 成为业主')).toBeVisible();
  await expect(page.getByText('李四 成为租户')).toBeVisible();

  // Find the owner by pinyin initials, by the last 4 digits and by unit code, from another page.
  await page.getByRole('link', { name: '工作台' }).click();
  for (const text of ['zs', '5678', '3-1201', '3栋1201']) {
    const results = await search(page, text);
    await expect(results.getByRole('option', { name: /张三/ })).toBeVisible();
  }
  await search(page, 'zs');
  await page.getByRole('combobox', { name: '搜索住户或房屋' }).press('Enter');
  await expect(page).toHaveURL(/\/households\/.+\?person=/);
  await expect(page.getByRole('heading', { name: '3-1201', level: 1 })).toBeVisible();

  // The manager sees the phone masked, and revealed on tap with the reveal logged.
  const owner = page.getByRole('article', { name: '张三' });
  await expect(owner.getByText('138****5678')).toBeVisible();
  await expect(owner.getByText('13812345678')).toHaveCount(0);
  expect(await storeCounts(page, ['sensitiveReveal'])).toEqual({ sensitiveReveal: 0 });
  await owner.getByRole('button', { name: '显示张三的电话（将记录查看）' }).click();
  await expect(owner.getByRole('link', { name: '13812345678' })).toBeVisible();
  expect(await storeCounts(page, ['sensitiveReveal'])).toEqual({ sensitiveReveal: 1 });
  await expect(page.getByText(/王建国 于 .+ 查看了 张三 的电话/)).toBeVisible();

  // The visitor view tells an outsider only the room number.
  await page.getByRole('button', { name: '访客询问' }).click();
  await expect(page.getByText('3-1201')).toBeVisible();
  await expect(page.getByText('张三')).toHaveCount(0);
  await page.getByRole('button', { name: '返回住户页' }).click();

  // A front-desk colleague sees the mask and has no way to reveal it.
  await page.goto('/settings/staff');
  await page.getByRole('textbox', { name: '姓名', exact: true }).fill('赵前台');
  await page.getByLabel('岗位').selectOption({ label: '客服前台' });
  await page.getByLabel('初始 PIN 码').fill('1357');
  await page.getByLabel('再次输入 PIN 码').fill('1357');
  await page.getByRole('button', { name: '新增员工' }).click();
  await expect(page.getByRole('cell', { name: '赵前台' })).toBeVisible();
  await page.getByRole('button', { name: '切换用户' }).click();
  await page.getByRole('button', { name: '赵前台' }).click();
  await enterPin(page, '1357');
  await expect(page.getByRole('button', { name: '锁屏' })).toBeVisible();
  await page.goto(unitUrl);
  const masked = page.getByRole('article', { name: '张三' });
  await expect(masked.getByText('138****5678')).toBeVisible();
  await expect(masked.getByRole('button', { name: /显示/ })).toHaveCount(0);
  await expect(page.getByText('13812345678')).toHaveCount(0);
  expect(await storeCounts(page, ['sensitiveReveal'])).toEqual({ sensitiveReveal: 1 });
});

test('bad input gets a field message and writes nothing', async ({ page }) => {
  await officeWithManager(page);
  await generateBuilding(page, '5', 2, 2);
  await page.getByRole('link', { name: '房屋' }).first().click();

  // A unit without a building.
  const before = await storeCounts(page, ['unit', 'person', 'occupancy', 'oplog']);
  const unitForm = page.locator('form', { has: page.getByRole('button', { name: '添加房屋' }) });
  await unitForm.getByLabel('房号').fill('0301');
  await unitForm.getByLabel('楼层').fill('3');
  await unitForm.getByLabel('建筑面积（㎡）').fill('90');
  await unitForm.getByRole('button', { name: '添加房屋' }).click();
  await expect(unitForm.getByText('此项必填')).toBeVisible();
  expect(await storeCounts(page, ['unit', 'person', 'occupancy', 'oplog'])).toEqual(before);

  await page.getByRole('link', { name: /^5栋/ }).click();
  await openUnit(page, '5-0101');

  // A phone of 10 digits.
  await register(page, '业主', '王五', '1381234567');
  await expect(page.getByText('请输入有效的电话号码')).toBeVisible();
  expect(await storeCounts(page, ['unit', 'person', 'occupancy', 'oplog'])).toEqual(before);

  // A move-out in the future, before the move-in.
  const form = page.locator('form', {
    has: page.getByRole('button', { name: '登记', exact: true })
  });
  await form.getByRole('textbox', { name: '手机', exact: true }).fill('13812345678');
  await form.getByLabel('起始日期').fill('2031-03-01');
  await form.getByLabel('结束日期（迁出）').fill('2031-01-31');
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('结束日期不能早于开始日期')).toBeVisible();
  expect(await storeCounts(page, ['unit', 'person', 'occupancy', 'oplog'])).toEqual(before);

  // Health notes without a recorded consent are refused too.
  await form.getByLabel('结束日期（迁出）').fill('');
  await form.getByLabel('本人已同意记录健康信息').check();
  await form.getByRole('textbox', { name: '健康备注', exact: true }).fill('高血压');
  await form.getByLabel('本人已同意记录健康信息').uncheck();
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('须先记录本人同意才能保存健康备注')).toBeVisible();
  expect(await storeCounts(page, ['unit', 'person', 'occupancy', 'oplog'])).toEqual(before);
});
