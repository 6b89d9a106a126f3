import { expect, test } from '@playwright/test';
import { signNotice, signedFragment } from '../../src/lib/owner-link/encode';
import type { OwnerNotice } from '../../src/lib/owner-link/payload';
import { generateSigningKeyPair } from '../../src/lib/sync/crypto/signing';

// The owner page /n/ (issue 8) as phones meet it: its own inline script draws the notice with no
// further request; other languages, the QR code and fallbacks for older browsers load only when
// needed, from files beside the page.

const waterCut: OwnerNotice = {
  v: 1,
  id: '0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b',
  office: '锦绣物业服务中心',
  department: '客户服务部',
  phone: '0755-86001234',
  community: '锦绣花园',
  kind: 'waterCut',
  title: '停水通知',
  body: '因清洗水箱，3栋、5栋将于2026年11月25日星期三 09:00 至 17:00 暂停供水。请提前储水。',
  startsAt: Date.UTC(2026, 10, 25, 1, 0),
  endsAt: Date.UTC(2026, 10, 25, 9, 0),
  audience: '3栋、5栋业主',
  publishedAt: Date.UTC(2026, 10, 23, 2, 0),
  zone: 'Asia/Shanghai'
};

/** `<app>/n/#n1.…`, signed with a fresh office key as the desk signs it. */
function ownerLink(appUrl: string): string {
  const office = generateSigningKeyPair();
  return `${appUrl}/n/#${signedFragment(signNotice(waterCut, office.secretKey))}`;
}

const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai'
};

test('the notice with no script request; languages and the QR code on demand; a link without the last slash', async ({
  browser,
  baseURL
}) => {
  const context = await browser.newContext(phone);
  const scripts: string[] = [];
  context.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    // The page's service worker registers once the phone is idle: not the notice's cost.
    if (request.resourceType() === 'script' && path !== '/n/sw.js') scripts.push(path);
  });
  const page = await context.newPage();
  const link = ownerLink(baseURL ?? '');
  await page.goto(link);
  await expect(page.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
  await expect(page.getByRole('heading', { name: '停水通知' })).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: '2026年11月25日星期三 09:00 至 17:00' })
  ).toBeVisible();
  expect(scripts).toEqual([]);

  await page.getByRole('button', { name: '繁體' }).click();
  await expect(page.getByText('已驗證 · 锦绣物业服务中心')).toBeVisible();
  await expect(page.getByText('管家 · 物業通知')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByText('Verified · 锦绣物业服务中心')).toBeVisible();
  await expect(page.getByRole('button', { name: 'EN' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Show QR code' }).click();
  const qr = page.getByRole('img', { name: 'QR code of this notice' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('data-qr')).toBe(link);
  expect(scripts.every((path) => path.startsWith('/n/'))).toBe(true);
  expect(scripts.length).toBe(3); // two languages, the QR code

  // Typed without the slash after /n: still the page, its lazy files still found.
  await page.goto(link.replace('/n/#', '/n#'));
  await expect(page.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
  await page.getByRole('button', { name: '显示二维码' }).click();
  await expect(page.getByRole('img', { name: '本通知的二维码' })).toBeVisible();
  await context.close();
});

test('a browser without Ed25519 in WebCrypto nor deflate-raw still verifies, with the fallbacks', async ({
  browser,
  baseURL
}) => {
  const context = await browser.newContext(phone);
  // An older WebView: no Ed25519 key import, no DecompressionStream('deflate-raw').
  await context.addInitScript(() => {
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    crypto.subtle.importKey = ((...args: Parameters<SubtleCrypto['importKey']>) => {
      const algorithm = args[2];
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (name === 'Ed25519') return Promise.reject(new DOMException('no', 'NotSupportedError'));
      return importKey(...args);
    }) as SubtleCrypto['importKey'];
    const Native = DecompressionStream;
    window.DecompressionStream = class extends Native {
      constructor(format: CompressionFormat) {
        if (format === 'deflate-raw') throw new TypeError('unsupported');
        super(format);
      }
    };
  });
  const scripts: string[] = [];
  context.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  const page = await context.newPage();
  const link = ownerLink(baseURL ?? '');
  await page.goto(link);
  await expect(page.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
  expect(scripts.some((path) => /\/n\/curves-ed25519-.+\.js$/.test(path))).toBe(true);
  expect(scripts.some((path) => /\/n\/inflate-bounded-.+\.js$/.test(path))).toBe(true);

  // The fallback verifier is no rubber stamp: one character changed is still caught.
  const at = link.indexOf('#n1.') + 60;
  await page.goto(link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1));
  await expect(page.getByRole('heading', { name: '此通知不可信' })).toBeVisible();
  await context.close();
});
