import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startRelay, type RunningRelay } from '../../src/relay';
import { officeWithManager } from './support/office';
import { longChineseText } from './notices-support';

test('a 3,000-character notice goes out as a relay short link; with the relay stopped the page explains and retries', async ({
  page,
  browser
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'guanjia-relay-'));
  let relay: RunningRelay | undefined = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    log: () => undefined
  });
  try {
    await officeWithManager(page);
    await page.goto('/notices/settings');
    await page.getByRole('textbox', { name: '短链接中转服务器' }).fill(relay.url);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByText('中转服务器已保存')).toBeVisible();

    const body = longChineseText(3000);
    await page.goto('/notices/new');
    await page.getByLabel('通知类型').selectOption({ label: '一般通知' });
    await page.getByLabel('标题').fill('小区年度维修计划');
    await page.getByLabel('正文').fill(body);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect(page.getByText('通知已发布')).toBeVisible();
    await expect(page.getByText('已通过中转服务器生成短链接')).toBeVisible();
    const link = await page.getByRole('textbox', { name: '业主链接' }).inputValue();
    expect(link).toMatch(/\/n\/#s1\./);
    expect(link.length).toBeLessThan(300);

    const phone = await browser.newContext({
      isMobile: true,
      viewport: { width: 390, height: 844 }
    });
    const owner = await phone.newPage();
    await owner.goto(link);
    await expect(owner.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
    await expect(owner.getByRole('heading', { name: '小区年度维修计划' })).toBeVisible();
    await expect(owner.getByText(body.slice(2000, 2040))).toBeVisible();
    await phone.close();

    // The relay is down: the page says so and offers to try again.
    const port = relay.port;
    await relay.close();
    relay = undefined;
    const later = await browser.newContext({
      isMobile: true,
      viewport: { width: 390, height: 844 }
    });
    const again = await later.newPage();
    await again.goto(link);
    await expect(again.getByRole('heading', { name: '暂时无法取得通知' })).toBeVisible();
    const retry = again.getByRole('button', { name: '重试' });
    await expect(retry).toBeVisible();

    relay = await startRelay({ port, host: '127.0.0.1', dataDir, log: () => undefined });
    await retry.click();
    await expect(again.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
    await later.close();
  } finally {
    await relay?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
