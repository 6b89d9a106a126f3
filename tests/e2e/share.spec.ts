import { expect, test, type Browser, type Page } from '@playwright/test';
import { officeWithManager } from './support/office';

/**
 * Issue 20 fault 8: a published notice reaches owners by text message (`sms:` with the title
 * and link filled in) and by the device's share sheet, or — where there is none — by the link
 * copied. Each way must hand over a link that opens the notice on an owner's phone: a link cut
 * by a bare `#`, or the wrong one, fails here.
 */

const title = '3栋停水通知 #1 & 2';

/** The owner's phone opens the link and sees the office's verified notice. */
async function opensOnPhone(browser: Browser, url: string) {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  });
  const owner = await phone.newPage();
  await owner.goto(url);
  await expect(owner.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
  await expect(owner.getByRole('heading', { name: title })).toBeVisible();
  await phone.close();
}

async function publish(page: Page): Promise<string> {
  await page.goto('/notices/new');
  await page.getByLabel('通知类型').selectOption({ label: '一般通知' });
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('正文').fill('明日 9:00–17:00 3栋停水，请提前储水。');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByText('通知已发布')).toBeVisible();
  return page.getByRole('textbox', { name: '业主链接' }).inputValue();
}

test('share and sms of a notice hand over a link that opens it on a phone', async ({
  page,
  browser,
  context
}) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await officeWithManager(page);
  const link = await publish(page);
  expect(link).toMatch(/\/n\/#n1\./);
  const noticeUrl = page.url();

  // The text message: sms:?body=<title> <link>, the body whole (the link's # encoded).
  const href = (await page.getByRole('link', { name: '发短信' }).getAttribute('href')) ?? '';
  const match = /^sms:\?body=([^#&?]*)$/.exec(href);
  expect(match, href).not.toBeNull();
  const body = decodeURIComponent(match?.[1] ?? '');
  expect(body).toBe(`${title} ${link}`);
  await opensOnPhone(browser, body.slice(body.lastIndexOf(' ') + 1));

  // No share sheet (a desk PC, Firefox, Chromium on Linux): 分享 copies the link.
  await page.addInitScript(() => {
    delete (Navigator.prototype as { share?: unknown }).share;
  });
  await page.goto(noticeUrl);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  expect(await page.evaluate(() => 'share' in navigator)).toBe(false);
  await page.getByRole('button', { name: '分享', exact: true }).click();
  await expect(page.getByText('链接已复制')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // A tablet with a share sheet: the sheet gets the title and the same link, nothing is copied.
  await page.addInitScript(() => {
    const shared: unknown[] = [];
    Object.defineProperty(window, '__shared', { value: shared });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (data: unknown) => void shared.push(data)
    });
  });
  await page.goto(noticeUrl);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: '分享', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared))
    .toEqual([{ title, text: title, url: link }]);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('');
  await opensOnPhone(browser, link);
});
