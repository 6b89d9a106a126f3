import { expect, test, type Page } from '@playwright/test';
import { spawnRelay, type RelayProcess } from '../relay/relay-process';
import { officeWithManager } from './support/office';

// Issue 8 Build 4: optional read receipts through the relay, an anonymous count per building.
// A real relay process; the owner's phone is a fresh browser context, as a neighbour's would be.

let relay: RelayProcess | undefined;
test.afterAll(async () => relay?.stop());

async function building(page: Page, code: string) {
  await page.goto('/units');
  await page.getByLabel('楼栋号').fill(code);
  await page.getByLabel('最高楼层').fill('2');
  await page.getByLabel('每层户数').fill('2');
  await page.getByRole('button', { name: '生成楼栋' }).click();
  await expect(page.getByRole('heading', { name: `${code}栋` })).toBeVisible();
}

/** The count the staff page shows for one row (a building, the chat link, the total). */
function readCount(page: Page, row: string) {
  return page
    .getByRole('region', { name: '已读（匿名统计）' })
    .getByRole('row', { name: row })
    .getByRole('cell');
}

test('read receipts: a lobby poster opened on a phone counts once for its building on the staff page', async ({
  page,
  browser
}) => {
  relay = await spawnRelay();
  await officeWithManager(page);
  await building(page, '3');
  await building(page, '5');
  await page.goto('/notices/settings');
  await page.getByRole('textbox', { name: '短链接中转服务器' }).fill(relay.url);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('中转服务器已保存')).toBeVisible();

  await page.goto('/notices/new');
  await page.getByLabel('通知类型').selectOption({ label: '一般通知' });
  await page.getByLabel('标题').fill('电梯年检通知');
  await page.getByLabel('正文').fill('本周四上午电梯年检，期间请走楼梯。');
  const receipts = page.getByLabel('统计匿名已读人数（按楼栋）');
  await expect(receipts).not.toBeChecked(); // off unless the desk asks: owners' privacy
  await receipts.check();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByText('通知已发布')).toBeVisible();
  await expect(readCount(page, '3栋')).toHaveText('已读 0');
  await expect(readCount(page, '合计')).toHaveText('已读 0');
  const noticeUrl = page.url(); // the published notice's page, once it shows
  const chatLink = await page.getByRole('textbox', { name: '业主链接' }).inputValue();

  // One poster per lobby, each QR code the link with its building's tag.
  await page.getByRole('link', { name: '打印张贴' }).click();
  const lobby3 = page.locator('[data-testid="poster"][data-lobby="3栋大堂"]');
  await expect(page.getByTestId('poster')).toHaveCount(2);
  const poster3 = await lobby3.getByRole('img', { name: '通知二维码' }).getAttribute('data-qr');
  const poster5 = await page
    .locator('[data-testid="poster"][data-lobby="5栋大堂"]')
    .getByRole('img', { name: '通知二维码' })
    .getAttribute('data-qr');
  expect(poster3).toMatch(/\/n\/#n1\./);
  expect(new Set([poster3, poster5, chatLink]).size).toBe(3);

  // A phone scans the lobby poster of building 3.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  });
  const pings: string[] = [];
  phone.on('request', (request) => {
    if (request.url().startsWith(`${relay!.httpUrl}/r/`)) pings.push(request.url());
  });
  const owner = await phone.newPage();
  await owner.goto(poster3 ?? '');
  await expect(owner.getByText('已验证 · 锦绣物业服务中心')).toBeVisible();
  await expect(owner.getByText('本通知开启了匿名阅读统计')).toBeVisible();
  await expect(owner.locator('html')).toHaveAttribute('data-receipt', 'counted');
  // Opened again, and from the chat link: the same phone, the same notice, not counted again.
  await owner.reload();
  await expect(owner.locator('html')).toHaveAttribute('data-receipt', 'already');
  await owner.goto(chatLink);
  await expect(owner.getByRole('heading', { name: '电梯年检通知' })).toBeVisible();
  await expect(owner.locator('html')).toHaveAttribute('data-receipt', 'already');
  expect(pings).toHaveLength(1);
  // What reached the relay: the tag, nothing of the notice.
  expect(pings[0]).not.toContain('n1.');
  await phone.close();

  await page.goto(noticeUrl);
  await expect(readCount(page, '3栋')).toHaveText('已读 1');
  await expect(readCount(page, '5栋')).toHaveText('已读 0');
  await expect(readCount(page, '群聊链接')).toHaveText('已读 0');
  await expect(readCount(page, '合计')).toHaveText('已读 1');
});
