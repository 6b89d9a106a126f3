import { expect, test } from '@playwright/test';
import { localeNames } from '../../src/lib/i18n/locale-names';
import {
  afterPin,
  createOffice,
  defaultOffice,
  enterPin,
  officeWithManager,
  signIn,
  storeCounts
} from './support/office';

test('a new tablet: setup, the manager signs in with the PIN; wrong PINs are told and then locked', async ({
  page
}) => {
  const office = await createOffice(page);

  await signIn(page, office.managerName, '1111');
  await expect(page.getByText('PIN 码错误，还可以再试 4 次')).toBeVisible();
  for (const left of [3, 2, 1]) {
    await enterPin(page, '1111');
    await expect(page.getByText(`PIN 码错误，还可以再试 ${left} 次`)).toBeVisible();
  }
  await enterPin(page, '1111');
  await expect(page.getByText(/错误次数过多，已锁定/)).toBeVisible();
  // The 6th try within the minute is refused, even with the right PIN.
  await enterPin(page, office.pin);
  await expect(page.getByText(/错误次数过多，已锁定/)).toBeVisible();
  await expect(page.getByRole('heading', { name: '工作台' })).toHaveCount(0);
});

test('set up in another tab: the first tab shows sign-in when it is back in front, untouched', async ({
  context
}) => {
  const first = await context.newPage();
  await first.goto('/');
  await expect(first.getByLabel('物业服务中心名称')).toBeVisible();
  const second = await context.newPage();
  await createOffice(second);
  await first.bringToFront();
  await expect(first.getByRole('heading', { name: '请选择您的名字' })).toBeVisible(afterPin);
  await expect(first.getByLabel('物业服务中心名称')).toHaveCount(0);
});

test('the right PIN opens the desk with the office’s data', async ({ page }) => {
  await officeWithManager(page);
  await expect(page.getByText(defaultOffice.officeName).first()).toBeVisible();
  await expect(page.getByText(defaultOffice.managerName).first()).toBeVisible();
});

test('an invalid staff member gets messages at the fields and nothing is written', async ({
  page
}) => {
  await officeWithManager(page);
  await page.goto('/settings/staff');
  const before = await storeCounts(page, ['staff', 'oplog']);

  await page.getByLabel('初始 PIN 码').fill('123');
  await page.getByLabel('再次输入 PIN 码').fill('123');
  await page.getByRole('button', { name: '新增员工' }).click();
  await expect(page.getByText('此项必填')).toBeVisible();
  await expect(page.getByText('PIN 码须为 4–8 位数字')).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveAttribute('aria-invalid', 'true');
  expect(await storeCounts(page, ['staff', 'oplog'])).toEqual(before);

  // Fixed, it is saved and listed, and one op chunk is appended.
  await page.getByLabel('姓名').fill('李小红');
  await page.getByLabel('初始 PIN 码').fill('1357');
  await page.getByLabel('再次输入 PIN 码').fill('1357');
  await page.getByRole('button', { name: '新增员工' }).click();
  await expect(page.getByRole('cell', { name: '李小红' })).toBeVisible();
  expect(await storeCounts(page, ['staff', 'oplog'])).toEqual({
    staff: before.staff + 1,
    oplog: before.oplog + 1
  });
});

const hanCharacters = /\p{Script=Han}/u;

test('English and 繁體 change every visible string of the start page, and a reload keeps the choice', async ({
  page
}) => {
  const office = await officeWithManager(page);
  // The office's own data, and the language names, which each language shows in itself.
  const data = [
    office.officeName,
    office.communityName,
    office.managerName,
    ...Object.values(localeNames)
  ];
  const visibleText = async () => {
    let text = await page.locator('body').innerText();
    for (const d of data) text = text.replaceAll(d, '');
    return text;
  };
  const simplified = await visibleText();
  expect(simplified).toMatch(hanCharacters);

  await page.goto('/settings');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Desk' })).toBeVisible();
  // Apart from the office's own data, not one Chinese character is left.
  expect(await visibleText()).not.toMatch(hanCharacters);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Desk' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.goto('/settings');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  const traditional = await visibleText();
  expect(traditional).not.toEqual(simplified);
  expect(traditional).not.toMatch(/[A-Za-z]{4,}/);
  await page.reload();
  await expect(page.getByRole('link', { name: '設定' })).toBeVisible();
});
