import { expect, type Locator, type Page } from '@playwright/test';
import { signIn } from './office';

/** Steps of the request page as the desk and the engineers take them (issue 6 browser tests). */

// A 2 × 2 PNG: what the tablet's camera hands over in the tests.
export const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64'
);

export async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: '切换用户' }).click();
  await signIn(page, name, pin);
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

/**
 * An attachment (photo, signature) really shown in `item`: one <img> of a stored blob that
 * the browser decoded, and no "正在获取照片…"/retry placeholder. Returns the blob's hash.
 */
export async function expectImageShown(item: Locator, timeout = 30_000): Promise<string> {
  const img = item.locator('img[data-blob]');
  await expect(img).toHaveCount(1, { timeout });
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), {
      timeout
    })
    .toBeGreaterThan(0);
  await expect(item.locator('[data-blob-missing]')).toHaveCount(0);
  return (await img.getAttribute('data-blob')) ?? '';
}

/** Tap a step button on the request page. */
export async function step(page: Page, action: string): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
}

export async function confirmDialog(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '确认' }).click();
  await expect(dialog).toBeHidden();
}

/** Draw a signature on the open dialog's pad, as a finger would. */
export async function sign(page: Page): Promise<void> {
  const pad = page.getByRole('dialog').locator('canvas');
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -25 : 25));
  await page.mouse.up();
  await expect(page.getByRole('dialog').getByText('已签名')).toBeVisible();
}

/** Add a staff member with a role and PIN on 设置 → 员工与岗位. */
export async function addStaffMember(
  page: Page,
  name: string,
  role: string,
  pin: string
): Promise<void> {
  await page.goto('/settings/staff');
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('岗位').selectOption({ label: role });
  await page.getByLabel('初始 PIN 码').fill(pin);
  await page.getByLabel('再次输入 PIN 码').fill(pin);
  await page.getByRole('button', { name: '新增员工' }).click();
  await expect(page.getByText(`已添加 ${name}`)).toBeVisible();
}

/** A building generated on 房屋 and an owner registered in one of its units. */
export async function householdWithOwner(
  page: Page,
  building: string,
  unit: string,
  owner: string,
  phone: string
): Promise<void> {
  await page.goto('/units');
  await page.getByLabel('楼栋号').fill(building);
  await page.getByLabel('最高楼层').fill('2');
  await page.getByLabel('每层户数').fill('2');
  await page.getByRole('button', { name: '生成楼栋' }).click();
  await expect(page.getByRole('heading', { name: `${building}栋` })).toBeVisible();
  await page.getByRole('button', { name: `${unit}，空置` }).click();
  await page.getByRole('link', { name: '打开住户页' }).click();
  await expect(page.getByRole('heading', { name: unit, level: 1 })).toBeVisible();
  const open = page.getByRole('button', { name: '登记住户' });
  if (await open.isVisible()) await open.click();
  const form = page.locator('form', {
    has: page.getByRole('button', { name: '登记', exact: true })
  });
  await form.getByLabel('身份').selectOption({ label: '业主' });
  await form.getByRole('textbox', { name: '姓名', exact: true }).fill(owner);
  await form.getByRole('textbox', { name: '手机', exact: true }).fill(phone);
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('heading', { name: owner })).toBeVisible();
}

/**
 * Intake of a repair on the new-request screen: find the household, kind 水电, what is wrong.
 * Returns the request page's URL, its number, the unit code and the customer's name.
 */
export async function takeRepair(
  page: Page,
  search: string,
  content: string
): Promise<{ url: string; number: string; unit: string; customer: string }> {
  await page.goto('/tickets/new');
  await page.getByLabel('查找住户').fill(search);
  await page.getByRole('listbox').getByRole('button').first().click();
  const unit = (await page.getByTestId('picked-unit').textContent())?.trim() ?? '';
  expect(unit).toMatch(/\d+-/);
  const customer = await page.getByLabel('客户姓名').inputValue();
  expect(customer).not.toBe('');
  await page.getByRole('radio', { name: '水电' }).click();
  await page.getByLabel(/^内容/).fill(content);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('status')).toHaveText('待派工');
  const number =
    (await page.getByRole('heading', { level: 1 }).textContent())?.match(
      /BX-\d{8}-[A-Z]\d{3,}/
    )?.[0] ?? '';
  expect(number).toMatch(/^BX-/);
  return { url: page.url(), number, unit, customer };
}

/** The request page's timeline as [event type, who] pairs, in the order shown. */
export async function timelineOf(page: Page): Promise<[string, string][]> {
  const items = page.locator('ol.timeline > li');
  return items.evaluateAll((lis) =>
    lis.map((li) => [
      li.getAttribute('data-event') ?? '',
      li.querySelector('.who')?.textContent?.trim() ?? ''
    ])
  );
}

/** Text and image count of a PDF (pdf.js, no system fonts). */
export async function pdfText(pdf: Buffer): Promise<{ text: string; images: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let text = '';
  let images = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
    const ops = await page.getOperatorList();
    images += ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length;
  }
  return { text, images };
}
