import { expect, test, type Page } from '@playwright/test';
import { officeWithManager } from './support/office';
import { waitForServiceWorker } from './support/service-worker';
import { decodeQr, ordinaryWeekend, pdfImages, redShare } from './notices-support';

/** A red round stamp drawn by the page itself, as the office's scanned stamp would be. */
async function stampPng(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 240;
    const c = canvas.getContext('2d');
    if (!c) throw new Error('no canvas');
    c.fillStyle = '#d01c1c';
    c.strokeStyle = '#d01c1c';
    c.lineWidth = 14;
    c.beginPath();
    c.arc(120, 120, 105, 0, Math.PI * 2);
    c.stroke();
    c.font = 'bold 64px sans-serif';
    c.textAlign = 'center';
    c.fillText('★', 120, 140);
    c.fillRect(60, 160, 120, 24);
    return canvas.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(base64, 'base64');
}

const rules = (page: Page) => page.getByTestId('rule-warnings');

test('pest control: weekend and lead-time warnings, publish, owner link verified offline, tamper warning, poster PDF with stamp and QR', async ({
  page,
  browser,
  baseURL
}) => {
  await officeWithManager(page);

  // The office's stamp, printed where each notice is signed (001 篇2 4.2.2).
  await page.goto('/notices/settings');
  await page.getByLabel('上传印章图片').setInputFiles({
    name: 'stamp.png',
    mimeType: 'image/png',
    buffer: await stampPng(page)
  });
  await expect(page.getByText('印章已保存')).toBeVisible();

  const week = ordinaryWeekend();
  await page.goto('/notices/new');
  await page.getByLabel('通知类型').selectOption({ label: '消杀' });

  // Saturday: pest control is never on a weekend.
  await page.getByLabel('开始时间').fill(`${week.saturday}T09:00`);
  await expect(rules(page)).toContainText('消杀作业不安排在休息日');

  // Monday 10:00, but posted on Monday at 01:00: 9 clock hours (001 §4.2: 12 小时).
  await page.getByLabel('开始时间').fill(`${week.monday}T10:00`);
  await page.getByLabel('计划发布时间').fill(`${week.monday}T01:00`);
  await expect(rules(page)).toContainText('消杀须提前 12 小时通知业户，现在只有 9 小时');
  await expect(rules(page)).not.toContainText('周六、周日');

  // Fixed: posted on Friday morning.
  await page.getByLabel('计划发布时间').fill(`${week.friday}T09:00`);
  await page.getByLabel('标题').fill('小区公共区域消杀通知');
  await page
    .getByLabel('正文')
    .fill(
      '物业服务中心将于周一上午10:00对小区公共区域进行消杀作业。请关好门窗，看管好儿童和宠物。'
    );
  await expect(rules(page)).toContainText('符合通知时限要求');

  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByText('通知已发布')).toBeVisible();
  const link = await page.getByRole('textbox', { name: '业主链接' }).inputValue();
  expect(link).toMatch(/\/n\/#n1\./);
  expect(link.length).toBeLessThan(2000);

  // An owner's phone: a fresh browser with nothing but the static site.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  });
  const requests: string[] = [];
  phone.on('request', (request) => requests.push(request.url()));
  const owner = await phone.newPage();
  await owner.goto(link);
  await expect(owner.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
  await expect(owner.getByRole('heading', { name: '小区公共区域消杀通知' })).toBeVisible();
  // Only the static site was asked for anything, and the notice never left the phone.
  const origin = new URL(baseURL ?? '').origin;
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(requests.some((url) => url.includes('n1.'))).toBe(false);

  // Opened once, it opens again with the network off.
  await waitForServiceWorker(owner);
  await phone.setOffline(true);
  await owner.reload();
  await expect(owner.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();

  // One character of the fragment changed: not authentic.
  const at = link.indexOf('#n1.') + 60;
  const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  await owner.goto(tampered);
  await expect(owner.getByRole('heading', { name: '此通知不可信' })).toBeVisible();
  await expect(owner.getByRole('heading', { name: '小区公共区域消杀通知' })).toHaveCount(0);
  await expect(owner.getByText('已验证')).toHaveCount(0);
  await phone.close();

  // The lobby poster: stamp and QR code in the PDF, and the QR code is the link.
  await page.getByRole('link', { name: '打印张贴' }).click();
  const poster = page.getByTestId('poster');
  await expect(poster.getByRole('img', { name: '客户服务部章' })).toBeVisible();
  await expect(poster.getByRole('img', { name: '通知二维码' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const images = pdfImages(pdf);
  const codes = images.map(decodeQr).filter((code) => code !== undefined);
  expect(codes).toEqual([link]);
  expect(images.some((image) => redShare(image) > 0.05)).toBe(true);
});
