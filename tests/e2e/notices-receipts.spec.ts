import { expect, test, type Page } from '@playwright/test';
import { spawnRelay, type RelayProcess } from '../relay/relay-process';
import { officeWithManager } from './support/office';
import { useRelay } from './sync-support';

// Issue 8 Build 4: optional read receipts through the relay, an anonymous count per building.
// Issue 16 §1: the owner form link inside a notice, tapped on the owner's phone.
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

/** A new office whose notices (and owner links) go through the test's relay process. */
async function officeWithRelay(page: Page): Promise<RelayProcess> {
  relay ??= await spawnRelay();
  await officeWithManager(page);
  await page.goto('/notices/settings');
  await page.getByRole('textbox', { name: '短链接中转服务器' }).fill(relay.url);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('中转服务器已保存')).toBeVisible();
  return relay;
}

const ownerPhone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai'
};

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
  const relay = await officeWithRelay(page);
  await building(page, '3');
  await building(page, '5');

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
  const phone = await browser.newContext(ownerPhone);
  const pings: string[] = [];
  phone.on('request', (request) => {
    if (request.url().startsWith(`${relay.httpUrl}/r/`)) pings.push(request.url());
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

test('owner form link inside a notice: the desk inserts it, an owner taps it on the notice and files a suggestion that reaches 业主来件', async ({
  page,
  browser
}) => {
  // Owner links go to the relay the office syncs through (lib/owner-inbox/intake.ts inboxRelay).
  const relay = await officeWithRelay(page);
  await useRelay(page, relay.url);
  const SUGGESTION = '建议在三号楼门口加装一个快递柜';
  const HOSTILE = 'javascript:alert(1) data:text/html,<script>alert(1)</script> <b>粗体</b>';

  await page.goto('/notices/new');
  await page.getByLabel('通知类型').selectOption({ label: '一般通知' });
  await page.getByLabel('标题').fill('物业服务意见征集');
  const body = page.getByLabel('正文');
  await body.fill(`各位业主：\n欢迎对小区服务提出意见。\n${HOSTILE}`);
  // The cursor after the first line: the link goes there, on a line of its own.
  await body.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(5, 5));
  const insert = page.getByRole('button', { name: '插入报事报修链接' });
  const box = await insert.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(44);
  await insert.click();
  await expect(page.getByText('已为本小区生成业主报事链接并插入')).toBeVisible();
  const text = await body.inputValue();
  const line = text.split('\n')[1];
  expect(line).toMatch(/^报事报修、意见建议：http:\/\/[^\s]+\/r\/#f1\.[\w-]+\.[\w-]+$/);
  expect(text.split('\n')[0]).toBe('各位业主：');
  const formUrl = line.slice('报事报修、意见建议：'.length);

  // The same signed link the community's lobby poster carries.
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByText('通知已发布')).toBeVisible();
  const chatLink = await page.getByRole('textbox', { name: '业主链接' }).inputValue();
  await page.goto('/inbox/links');
  await expect(page.locator('[data-owner-link]')).toHaveCount(1);
  await expect(page.locator('[data-form-url]')).toHaveAttribute('href', formUrl);

  // An owner's phone opens the notice from the chat link.
  const phoneContext = await browser.newContext(ownerPhone);
  const phone = await phoneContext.newPage();
  await phone.goto(chatLink);
  await expect(phone.getByRole('heading', { name: '物业服务意见征集' })).toBeVisible();
  const formLink = phone.getByRole('link', { name: '报事报修 / 提建议' });
  await expect(formLink).toHaveAttribute('href', formUrl);
  await expect(formLink).toHaveAttribute('rel', 'noopener noreferrer');
  expect((await formLink.boundingBox())?.height).toBeGreaterThanOrEqual(44);
  // What is not an http(s) address stays words: no link, no markup, nothing run.
  const article = phone.locator('article .body');
  await expect(article).toContainText(HOSTILE);
  await expect(article.locator('a')).toHaveCount(1);
  await expect(article.locator('script, b')).toHaveCount(0);

  await formLink.click();
  await expect(phone.getByRole('heading', { name: '向物业服务中心报事' })).toBeVisible();
  await phone.getByLabel('建议', { exact: true }).check();
  await phone.getByLabel('您的建议').fill(SUGGESTION);
  await phone.getByRole('button', { name: '提交' }).click();
  await expect(phone.getByRole('heading', { name: '已提交' })).toBeVisible({ timeout: 30_000 });
  await phoneContext.close();

  // The desk's intake queue (业主来件) shows it.
  await page.goto('/inbox');
  await expect(page.locator('[data-intake-queue] li').first()).toContainText(SUGGESTION, {
    timeout: 30_000
  });
});
