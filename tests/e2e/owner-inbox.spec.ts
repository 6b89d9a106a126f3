import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { firstTablet, pairedTablet, spawnRelay, type RelayProcess } from './sync-support';
import { dataDirBytes } from '../relay/relay-process';
import { confirmDialog, step } from './support/ticket-steps';

/**
 * Issue 16 "Must show" (owner phone + two tablets + a real relay process): an owner scans a
 * lobby poster's QR code offline, files a repair with a photo, comes online; it lands in tablet
 * A's intake queue; A makes it a request dispatched to engineering and later records the work
 * done; the owner's status link shows 已派工, then 已完成 with the office's reply; the owner
 * rates it and the rating shows on the request on tablet B. The relay's files never hold the
 * owner's name, phone or words. And nothing an owner writes runs as script on the desk.
 */
let relay: RelayProcess;
test.beforeAll(async () => {
  relay = await spawnRelay();
});
test.afterAll(async () => relay?.stop());

const NAME = '欧阳秀梅';
const PHONE = '13912345678';
const TEXT = '三号楼大堂的感应灯坏了，晚上一片漆黑';
const XSS = '<img src=x onerror="window.__owned=1"><script>window.__owned=1</script>';
const REPLY = '已更换感应灯控制器，试用正常';
// A 2 × 2 PNG as the phone's camera picture (the page turns it into a JPEG).
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64'
);
const SYNC = { timeout: 30_000 };

/** What the printed poster's QR code says, read from its image as a phone camera would. */
async function scanPoster(page: Page): Promise<string> {
  const image = page.locator('[data-owner-link] img').first();
  await expect(image).toBeVisible();
  const pixels = await image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, rgba: Array.from(data.data) };
  });
  const code = jsQR(Uint8ClampedArray.from(pixels.rgba), pixels.width, pixels.height);
  if (!code) throw new Error('poster QR not readable');
  return code.data;
}

test('owner link: offline repair with a photo → intake on A → 已派工 → 已完成 with the reply → rating on B', async ({
  browser
}) => {
  test.setTimeout(300_000);
  const a = await firstTablet(browser, relay);
  const b = await pairedTablet(browser, a, '前台平板');

  // A makes a lobby poster link for the community (the relay opens its tag).
  await a.goto('/inbox/links');
  await a.getByLabel('链接类型').selectOption({ label: '大堂海报' });
  await a.getByRole('button', { name: '生成链接' }).click();
  await expect(a.getByText('链接已生成', { exact: true })).toBeVisible();
  const poster = await scanPoster(a);
  expect(poster).toContain('/r/#f1.');

  // The owner's phone opened the poster once (its page is kept), then loses the network.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(poster);
  await expect(phone.getByRole('heading', { name: '向物业服务中心报事' })).toBeVisible();
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await phoneContext.setOffline(true);
  await phone.goto('about:blank');
  await phone.goto(poster); // scans the lobby QR with no network
  await expect(phone.getByRole('heading', { name: '向物业服务中心报事' })).toBeVisible();

  // Bad input first: a clear message at the field, nothing sent.
  await phone.getByRole('button', { name: '提交' }).click();
  await expect(phone.getByText('请至少写两个字')).toBeVisible();
  await phone.getByLabel('哪里坏了？请描述问题').fill(`${TEXT}\n${XSS}`);
  await phone.getByLabel('位置（如 3号楼2单元电梯）（选填）').fill('3号楼大堂');
  await phone.getByLabel('姓名（选填）').fill(NAME);
  await phone.getByLabel('电话（选填）').fill('12');
  await phone.getByRole('button', { name: '提交' }).click();
  await expect(phone.getByText('请填写正确的电话号码')).toBeVisible();
  await phone.getByLabel('电话（选填）').fill(PHONE);
  await phone.getByLabel(/^照片/).setInputFiles({
    name: 'lamp.png',
    mimeType: 'image/png',
    buffer: PHOTO
  });
  await expect(phone.locator('.thumbs img')).toHaveCount(1);
  await phone.getByRole('button', { name: '提交' }).click();
  await expect(phone.getByRole('heading', { name: '已保存在手机上' })).toBeVisible();
  const statusLink = await phone.locator('a[data-status-link]').getAttribute('href');
  expect(statusLink).toContain('/r/#p1.');

  // Online again: the phone sends by itself; A's intake queue shows it, counted in the top bar.
  await phoneContext.setOffline(false);
  await phone.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(phone.getByRole('heading', { name: '已提交' })).toBeVisible(SYNC);
  await a.goto('/inbox');
  const item = a.locator('[data-intake-queue] li').first();
  await expect(item).toContainText(TEXT, SYNC);
  await expect(a.locator('[data-intake-count]')).toHaveAttribute('data-intake-count', '1');
  // The owner's markup is text on the desk: shown as written, never run.
  await expect(item).toContainText('<script>');
  await expect(item.locator('img[data-blob]')).toHaveCount(1, SYNC);
  expect(await a.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();

  // The relay holds ciphertext only: no name, phone or words in its files.
  for (const { file, bytes } of dataDirBytes(relay.dataDir))
    for (const secret of [NAME, PHONE, TEXT, '感应灯'])
      expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);

  // A makes it a request, dispatched to engineering at once.
  await item.getByLabel('派工到').selectOption({ label: '工程部' });
  await item.getByRole('button', { name: '转为服务请求' }).click();
  await expect(a.getByRole('status').getByText('已转为服务请求')).toBeVisible();
  await expect(a.locator('[data-intake-queue] li')).toHaveCount(0);
  await a.getByRole('tab', { name: '已转为服务请求' }).click();
  await a
    .locator('[data-intake-queue] li')
    .first()
    .getByRole('link', { name: '查看服务请求' })
    .click();
  await expect(a.getByTestId('status')).toHaveText('已派工');
  const ticketUrl = a.url();

  // The owner's status link: 已派工.
  await phone.goto(statusLink ?? '');
  const state = phone.locator('[data-owner-state]');
  await expect
    .poll(async () => {
      await phone.getByRole('button', { name: '刷新' }).click();
      return state.getAttribute('data-owner-state');
    }, SYNC)
    .toBe('dispatched');
  await expect(state).toContainText('已派工');

  // A records the work; the owner sees 已完成 with the office's reply.
  await step(a, '接单');
  await expect(a.getByTestId('status')).toHaveText('已接单');
  await step(a, '到场');
  await expect(a.getByTestId('status')).toHaveText('已到场');
  await step(a, '完工登记');
  await a
    .getByRole('dialog')
    .getByLabel(/^维修\/服务记录/)
    .fill(REPLY);
  await confirmDialog(a);
  await expect(a.getByTestId('status')).toHaveText('已完工');
  await expect
    .poll(async () => {
      await phone.getByRole('button', { name: '刷新' }).click();
      return state.getAttribute('data-owner-state');
    }, SYNC)
    .toBe('done');
  await expect(state).toContainText('已完成');
  await expect(phone.locator('.reply')).toContainText(REPLY);

  // The owner rates it; the rating lands on the request, and B shows it after sync.
  await phone.getByLabel('4 分').check();
  await phone.getByLabel('评价（选填）').fill('师傅很快就来了');
  await phone.getByRole('button', { name: '提交评价' }).click();
  await expect(phone.getByText('感谢您的评价！')).toBeVisible();
  await b.goto(ticketUrl);
  await expect(b.locator('li[data-event="rated"]')).toBeVisible(SYNC);
  // Both tablets fetched the rating; it is one rating on the request.
  await expect(b.locator('li[data-event="rated"]')).toHaveCount(1);
  await expect(b.locator('li[data-event="rated"]')).toContainText('师傅很快就来了');
  expect(await phone.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
  await phoneContext.close();
});
