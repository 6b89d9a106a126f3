import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawnRelay, type RelayProcess } from '../relay/relay-process';
import { afterPin, officeWithManager, signIn } from './support/office';

// Issue #4 "Must show": two tablets paired through a real relay process open a WebRTC data
// channel (the indicator says 直连); after the relay is stopped, edits still arrive, both ways.
// Chromium runs with host candidates on loopback (flags in playwright.config.ts).

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});

async function tablet(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

function indicator(page: Page) {
  return page.getByRole('status', { name: '同步状态' });
}

/** A on the devices page: relay address, pairing link; B opens the link; A approves. */
async function pair(a: Page, b: Page, relayUrl: string): Promise<void> {
  await a.goto('/settings/devices');
  await a.getByLabel('中继地址').fill(relayUrl);
  await a.getByRole('button', { name: '保存并重新连接' }).click();
  await expect(indicator(a)).toContainText('已同步');
  await a.getByRole('button', { name: '生成配对码' }).click();
  const link = await a.getByTestId('pairing-link').inputValue();

  await b.goto(link);
  await b.getByLabel('本设备名称').fill('前台平板');
  await b.getByRole('button', { name: '请求加入' }).click();
  await expect(a.getByText('“前台平板”请求加入本办公室')).toBeVisible();
  await a.getByRole('button', { name: '批准' }).click();
}

async function generateBuilding(page: Page, code: string): Promise<void> {
  await page.getByRole('link', { name: '房屋' }).first().click();
  await page.getByLabel('楼栋号').fill(code);
  await page.getByLabel('最高楼层').fill('2');
  await page.getByLabel('每层户数').fill('2');
  await page.getByRole('button', { name: '生成楼栋' }).click();
  await expect(page.getByRole('heading', { name: `${code}栋` })).toBeVisible();
}

async function showsBuilding(page: Page, code: string): Promise<void> {
  await page.getByRole('link', { name: '房屋' }).first().click();
  await expect(page.getByRole('link', { name: new RegExp(`^${code}栋 共 4 户`) })).toBeVisible({
    timeout: 20_000
  });
}

test('paired tablets sync directly over WebRTC and keep syncing when the relay stops', async ({
  browser
}) => {
  test.setTimeout(150_000);
  relay = await spawnRelay();
  const a = await tablet(browser);
  const b = await tablet(browser);
  const office = await officeWithManager(a);
  await pair(a, b, relay.url);

  // B received the office (its staff list) and signs in like any tablet.
  await expect(b.getByRole('heading', { name: '请选择您的名字' })).toBeVisible({
    timeout: 30_000
  });
  await signIn(b, office.managerName, office.pin);
  await expect(b.getByRole('heading', { name: '工作台' })).toBeVisible(afterPin);

  // Both tablets online together: a direct channel opens.
  await expect(indicator(a)).toContainText('直连', { timeout: 30_000 });
  await expect(indicator(b)).toContainText('直连', { timeout: 30_000 });

  // The relay goes away; the channel stays.
  const health = `${relay.httpUrl}/healthz`;
  expect((await fetch(health)).ok).toBe(true);
  await relay.stop();
  relay = undefined;
  await expect(fetch(health)).rejects.toThrow();

  await generateBuilding(a, '7');
  await showsBuilding(b, '7');
  await generateBuilding(b, '8');
  await showsBuilding(a, '8');
  await expect(indicator(a)).toContainText('直连');
  await expect(indicator(b)).toContainText('直连');
});
