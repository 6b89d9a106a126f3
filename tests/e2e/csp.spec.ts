import { expect, test, type Page } from '@playwright/test';
import { signNotice, signedFragment } from '../../src/lib/owner-link/encode';
import type { OwnerNotice } from '../../src/lib/owner-link/payload';
import { generateSigningKeyPair } from '../../src/lib/sync/crypto/signing';
import { officeWithManager } from './support/office';

// Issue 13: both apps ship a Content-Security-Policy (header from scripts/serve.js and <meta>
// for any static host): scripts only from the app's origin or by hash, no eval, no framing.
// The whole browser suite runs under it; here: that it is there, that the desk's screens raise
// no violation, and that a notice full of markup runs nothing on an owner's phone.

/** Violations the page reports (the listener is added by the test runner, outside the policy). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`
      )
    );
  });
  return () =>
    page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

function expectStrict(policy: string | null | undefined): void {
  expect(policy).toBeTruthy();
  const scripts = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? '';
  expect(scripts).toContain("'self'");
  expect(scripts).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
  expect(scripts).not.toContain('unsafe-eval');
  expect(scripts).not.toContain('unsafe-inline');
  expect(policy).toContain("object-src 'none'");
}

test('the staff app: policy as header and <meta>, framing refused, no violation across the desk', async ({
  page,
  request
}) => {
  const response = await request.get('/');
  const header = response.headers()['content-security-policy'];
  expectStrict(header);
  expect(header).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-frame-options']).toBe('DENY');

  const violations = await watchViolations(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await officeWithManager(page);
  expectStrict(
    await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  );
  // Every area of the desk's navigation, whatever areas it has by now.
  const nav = page.getByRole('navigation', { name: '主导航' });
  const areas = await nav.getByRole('link').allTextContents();
  expect(areas.length).toBeGreaterThan(3);
  for (const area of areas) {
    await nav.getByRole('link', { name: area.trim(), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }
  // The notice editor opens with its template filled in, and without an effect loop.
  await page.goto('/notices/new');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: '标题', exact: true })).not.toHaveValue('');
  expect(await violations()).toEqual([]);
  expect(errors.filter((e) => /effect_update_depth|Content Security Policy/i.test(e))).toEqual([]);
});

const hostile: OwnerNotice = {
  v: 1,
  id: '0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6c',
  office: '锦绣物业服务中心<script>window.__pwned=1</script>',
  community: '锦绣花园',
  kind: 'general',
  title: '<script>window.__pwned=1</script>停水通知',
  body: '<img src=x onerror="window.__pwned=1"> 详情见 <a href="javascript:window.__pwned=1">这里</a> javascript:window.__pwned=1',
  phone: 'javascript:window.__pwned=1',
  audience: '<svg onload="window.__pwned=1">全体业主',
  publishedAt: Date.UTC(2026, 10, 23, 2, 0),
  zone: 'Asia/Shanghai'
};

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' };

test('the owner page: policy with its script by hash; a notice full of markup runs nothing', async ({
  browser,
  baseURL,
  request
}) => {
  const response = await request.get('/n/');
  expectStrict(response.headers()['content-security-policy']);
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const violations = await watchViolations(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => (dialogs++, void dialog.dismiss()));
  const office = generateSigningKeyPair();
  await page.goto(`${baseURL}/n/#${signedFragment(signNotice(hostile, office.secretKey))}`);
  // Drawn, as text: the page's own script ran under the policy.
  await expect(page.getByRole('heading', { name: hostile.title })).toBeVisible();
  await expect(page.getByText('<img src=x onerror=', { exact: false })).toBeVisible();
  expectStrict(
    await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  );
  // Nothing became markup, nothing ran; a tap on the phone link goes nowhere dangerous.
  expect(
    await page
      .locator('main img, main script, main svg[onload], main a[href^="javascript:"]')
      .count()
  ).toBe(0);
  await page
    .getByRole('link', { name: hostile.phone })
    .click({ noWaitAfter: true })
    .catch(() => {});
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
  ).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(await violations()).toEqual([]);
  await context.close();
});

test('the owner page says why it cannot show a notice of an unknown time zone', async ({
  browser,
  baseURL
}) => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const office = generateSigningKeyPair();
  const notice: OwnerNotice = { ...hostile, title: '停水通知', zone: 'Mars/Olympus_Mons' };
  await page.goto(`${baseURL}/n/#${signedFragment(signNotice(notice, office.secretKey))}`);
  await expect(page.getByRole('heading', { name: '无法显示此通知的时间' })).toBeVisible();
  await expect(page.getByText('Mars/Olympus_Mons', { exact: false })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});
