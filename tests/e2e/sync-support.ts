import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnRelay, type RelayProcess } from '../relay/relay-process';
import { afterPin, officeWithManager, signIn, defaultOffice } from './support/office';

export { spawnRelay, type RelayProcess };

/** The sync indicator's state in the top bar (data-sync-state of the indicator). */
export function syncIndicator(page: Page) {
  return page.getByRole('status', { name: '同步状态' });
}

/** Point this device at the relay (设置 → 设备与同步 → 中继地址), as a manager would. */
export async function useRelay(page: Page, url: string): Promise<void> {
  await page.goto('/settings/devices');
  const field = page.getByLabel('中继地址');
  await expect(field).not.toHaveValue('');
  await field.fill(url);
  await page.getByRole('button', { name: '保存并重新连接' }).click();
  await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', /live|direct/, {
    timeout: 20_000
  });
}

/** Tablet A: a new office with its manager signed in, syncing through the relay. */
export async function firstTablet(browser: Browser, relay: RelayProcess): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await officeWithManager(page);
  await useRelay(page, relay.url);
  return page;
}

/**
 * Tablet B joins A's office by the pairing link; A's manager approves; B's manager signs in.
 * `context`: B's browser context when the test prepared one (e.g. without WebRTC).
 */
export async function pairedTablet(
  browser: Browser,
  a: Page,
  name = '前台平板',
  context?: BrowserContext
): Promise<Page> {
  await a.goto('/settings/devices');
  await a.getByRole('button', { name: '生成配对码' }).click();
  const link = await a.getByTestId('pairing-link').inputValue();
  expect(link).toContain('#pair=');

  const b = await (context ?? (await browser.newContext())).newPage();
  await b.goto(link);
  await expect(b.getByRole('heading', { name: '加入现有办公室' })).toBeVisible();
  await b.getByLabel('本设备名称').fill(name);
  await b.getByRole('button', { name: '请求加入' }).click();

  await expect(a.getByText(`“${name}”请求加入本办公室`)).toBeVisible();
  await a.getByRole('button', { name: '批准' }).click();
  await expect(a.getByText(`已添加 ${name}`)).toBeVisible();

  // The office, its staff and their PINs arrive by sync: B's manager signs in.
  await expect(b.getByRole('heading', { name: '请选择您的名字' })).toBeVisible({ timeout: 30_000 });
  await signIn(b, defaultOffice.managerName, defaultOffice.pin);
  await expect(b.getByRole('heading', { name: '工作台' })).toBeVisible(afterPin);
  return b;
}

/**
 * The "offline" switch of a tablet: every road closed (relay and direct). The app keeps
 * a tab offline across reloads (service.ts, sessionStorage); the page is reloaded with the
 * switch set, so the tests need no handle on the running sync (none ships in the build).
 */
export async function setTabletOnline(page: Page, online: boolean): Promise<void> {
  await page.evaluate((on) => {
    if (on) sessionStorage.removeItem('guanjia.sync.offline');
    else sessionStorage.setItem('guanjia.sync.offline', '1');
  }, online);
  await page.reload();
  if (!online)
    await expect(syncIndicator(page)).toHaveAttribute('data-sync-state', 'offline', {
      timeout: 30_000
    });
}

/** Add a staff member on 设置 → 员工与岗位 (a record every device must show). */
export async function addStaff(page: Page, name: string): Promise<void> {
  await page.goto('/settings/staff');
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('岗位').selectOption({ label: '客服前台' });
  await page.getByLabel('初始 PIN 码').fill('1357');
  await page.getByLabel('再次输入 PIN 码').fill('1357');
  await page.getByRole('button', { name: '新增员工' }).click();
  await expect(page.getByText(`已添加 ${name}`)).toBeVisible();
}
