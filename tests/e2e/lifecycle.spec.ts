import { expect, test, type Browser, type Page } from '@playwright/test';
import { firstTablet, pairedTablet, spawnRelay, type RelayProcess } from './sync-support';
import {
  PHOTO,
  addStaffMember,
  confirmDialog,
  expectImageShown,
  householdWithOwner,
  pdfText,
  step,
  switchTo
} from './support/ticket-steps';
import { defaultOffice } from './support/office';

/**
 * Issue 17 "Must show" on two tablets of one office syncing through a real relay: A is the
 * front desk's tablet (the manager signs for customer service there; the security guard
 * signs on it too), B the engineering department's. A renovation from application to the
 * deposit refund with engineering's review, a daily inspection with a photo and the permit
 * signed on B; a move-in whose inspection files two defects as repair requests; a move-out
 * that leaves the unit vacant.
 */
let relay: RelayProcess;
test.beforeAll(async () => {
  relay = await spawnRelay();
});
test.afterAll(async () => relay?.stop());
test.describe.configure({ mode: 'serial' });

const ENGINEER = '刘师傅';
const GUARD = '赵保安';
const PIN = '1357';
const MANAGER = defaultOffice.managerName;
const SYNC = { timeout: 30_000 };

async function twoTablets(browser: Browser) {
  const a = await firstTablet(browser, relay);
  await addStaffMember(a, ENGINEER, '工程部', PIN);
  await addStaffMember(a, GUARD, '保安部', PIN);
  await householdWithOwner(a, '2', '2-0101', '张秀英', '13812345678');
  const b = await pairedTablet(browser, a, '工程部平板');
  await switchTo(b, ENGINEER, PIN);
  return { a, b };
}

/** Draw on one signature pad of the open dialog (by its field name) as a finger would. */
async function signPad(page: Page, field = 'signature'): Promise<void> {
  const holder = page.getByRole('dialog').locator(`[data-signature="${field}"]`);
  const pad = holder.locator('canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -20 : 20));
  await page.mouse.up();
  await expect(holder.getByText('已签名')).toBeVisible();
}

const stage = (page: Page) => page.getByTestId('stage');

/** Open a procedure for a unit on 入伙/装修/迁出 → 新建. */
async function openProcedure(page: Page, kind: string, unit: string, applicant: string) {
  await page.goto(`/lifecycle/new?kind=${kind}`);
  await page.getByLabel('查找住户').fill(unit);
  await page.getByRole('listbox').getByRole('button').first().click();
  await expect(page.getByTestId('picked-unit')).toHaveText(unit);
  await page.getByLabel('申请人').fill(applicant);
  await page.getByLabel('电话').fill('13900001111');
}

/** The procedure's row on B's lifecycle screen, once it arrives by sync; opens it. */
async function openOn(page: Page, number: string) {
  await page.goto('/lifecycle');
  const row = page.locator(`tr[data-procedure="${number}"]`);
  await expect(row).toBeVisible(SYNC);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
}

async function numberOf(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/[A-Z]{2}-\d{8}-[A-Z]\d{3}/);
  const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  return title.match(/[A-Z]{2}-\d{8}-[A-Z]\d{3}/)?.[0] ?? '';
}

test('a renovation from application to refund: engineering reviews on B, three departments sign, inspection photo, permit and refund form printed', async ({
  browser
}) => {
  test.setTimeout(300_000);
  const { a, b } = await twoTablets(browser);

  // A: the application with its papers.
  await openProcedure(a, 'renovation', '2-0101', '张秀英');
  await a.getByLabel('装修单位').fill('美家装饰工程有限公司');
  for (const doc of ['装修合同/委托书', '施工单位资质证明', '材料清单及合格证'])
    await a.getByText(doc, { exact: true }).click();
  await a.getByLabel(/^施工材料清单/).fill('石膏板、乳胶漆、PPR水管');
  await a.getByRole('button', { name: '受理' }).click();
  await expect(stage(a)).toHaveText('工程部审图中');
  const number = await numberOf(a);
  expect(number).toMatch(/^ZX-/);

  // B (engineering): the drawings are returned with the changes asked for…
  await openOn(b, number);
  await step(b, '工程部审图');
  await b.getByRole('dialog').getByLabel('审图结论').selectOption({ label: '退回整改' });
  await b
    .getByRole('dialog')
    .getByLabel(/^整改意见/)
    .fill('卫生间防水高度不足1.8米');
  await confirmDialog(b);
  await expect(stage(b)).toHaveText('图纸退回整改');

  // …A sees why, and hands in the amended drawings; B approves them.
  await expect(stage(a)).toHaveText('图纸退回整改', SYNC);
  await expect(a.getByTestId('rework')).toContainText('卫生间防水高度不足1.8米');
  await step(a, '重新提交图纸');
  await confirmDialog(a);
  await expect(stage(b)).toHaveText('工程部审图中', SYNC);
  await step(b, '工程部审图');
  await confirmDialog(b);
  await expect(stage(b)).toHaveText('待签发施工许可证');

  // A: fees, deposit (the office's default ¥5,000) and insurance.
  await expect(stage(a)).toHaveText('待签发施工许可证', SYNC);
  await step(a, '登记费用、押金、保险');
  await a.getByRole('dialog').getByLabel('保单号').fill('PA-2026-0012');
  await a.getByRole('dialog').getByLabel('收据号').fill('SJ-0088');
  await confirmDialog(a);
  await expect(a.getByTestId('deposit')).toHaveText('¥5,000.00');

  // The permit: engineering signs on B, security on A, customer service (the manager) last.
  await expect(b.getByTestId('deposit')).toHaveText('¥5,000.00', SYNC);
  await step(b, '施工许可证签字');
  await signPad(b);
  await confirmDialog(b);
  await switchTo(a, GUARD, PIN);
  await expect(a.getByRole('button', { name: '施工许可证签字', exact: true })).toBeVisible(SYNC);
  await step(a, '施工许可证签字');
  await expect(a.getByRole('dialog').getByLabel('部门')).toHaveValue('security');
  await signPad(a);
  await confirmDialog(a);
  await switchTo(a, MANAGER, defaultOffice.pin);
  await step(a, '施工许可证签字');
  await expect(a.getByRole('dialog').getByLabel('部门')).toHaveValue('customerService');
  await signPad(a);
  await confirmDialog(a);
  await expect(stage(a)).toHaveText('施工中（装修中）');
  await expect(a.getByTestId('unit-status')).toHaveText('单元状态：装修中');
  await expect(b.getByTestId('unit-status')).toHaveText('单元状态：装修中', SYNC);

  // B: engineering's daily inspection, with a photo; A sees the photo.
  await step(b, '日常巡查');
  const dialog = b.getByRole('dialog');
  await expect(dialog.getByLabel('部门')).toHaveValue('engineering');
  await dialog.getByLabel(/^巡查记录/).fill('按审定图纸施工，未动结构墙');
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'site.png',
    mimeType: 'image/png',
    buffer: PHOTO
  });
  await expect(dialog.locator('figure img')).toHaveCount(1);
  await confirmDialog(b);
  const photo = await expectImageShown(b.locator('li[data-inspection="engineering"]'));
  expect(await expectImageShown(a.locator('li[data-inspection="engineering"]'))).toBe(photo);

  // Hidden works accepted on B; completion signed by the three departments, the customer
  // and the contractor (customer service last).
  await step(b, '隐蔽工程验收');
  await confirmDialog(b);
  await step(b, '竣工验收签字');
  await signPad(b);
  await confirmDialog(b);
  await switchTo(a, GUARD, PIN);
  await expect(a.getByRole('button', { name: '竣工验收签字', exact: true })).toBeVisible(SYNC);
  await step(a, '竣工验收签字');
  await expect(a.getByRole('dialog').getByLabel('签字方')).toHaveValue('security');
  await signPad(a);
  await confirmDialog(a);
  await switchTo(a, MANAGER, defaultOffice.pin);
  for (const party of ['customer', 'contractor', 'customerService']) {
    await step(a, '竣工验收签字');
    await expect(a.getByRole('dialog').getByLabel('签字方')).toHaveValue(party);
    await signPad(a);
    await confirmDialog(a);
  }
  await expect(stage(a)).toHaveText('已完成');
  await expect(a.getByTestId('unit-status')).not.toHaveText('单元状态：装修中');

  // A deduction with its reason, the manager's signature, then the refund of the rest.
  await step(a, '押金扣款');
  await a.getByRole('dialog').getByLabel(/^金额/).fill('120');
  await a.getByRole('dialog').getByLabel(/^原因/).fill('电梯厅地砖破损一块');
  await confirmDialog(a);
  await expect(a.getByTestId('refund-due')).toHaveText('¥4,880.00');
  await expect(a.getByRole('button', { name: '退还押金', exact: true })).toHaveCount(0);
  await step(a, '经理审核签字');
  await signPad(a);
  await confirmDialog(a);
  await step(a, '退还押金');
  await expect(a.getByRole('dialog')).toContainText('应退押金：¥4,880.00');
  await confirmDialog(a);
  await expect(stage(a)).toHaveText('押金已退，已办结');
  await expect(stage(b)).toHaveText('押金已退，已办结', SYNC);

  // The permit for the door: the three departments' signatures, the unit, the number.
  await a.getByRole('link', { name: '二次装修施工许可证' }).click();
  const permit = a.getByTestId('printed-form');
  await expect(permit).toContainText('二次装修施工许可证');
  await expect(permit).toContainText(number);
  await expect(permit).toContainText('2-0101');
  const signatures = permit.locator('img[data-blob]');
  await expect(signatures).toHaveCount(3);
  for (const img of await signatures.all())
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
      .toBeGreaterThan(0);
  await a.emulateMedia({ media: 'print' });
  await expect(a.getByRole('navigation', { name: '主导航' })).toBeHidden();
  const printed = await pdfText(await a.pdf({ format: 'A4' }));
  expect(printed.text.replace(/\s+/g, '')).toContain(number);
  expect(printed.images).toBeGreaterThanOrEqual(3);
  await a.emulateMedia({ media: 'screen' });

  // The completion and refund form: every party's signature, the manager's, the amounts.
  await a.goto(a.url().replace('form=permit', 'form=completion'));
  const refund = a.getByTestId('printed-form');
  await expect(refund).toContainText('竣工验收及押金退还单');
  await expect(refund).toContainText('电梯厅地砖破损一块');
  await expect(refund).toContainText('¥4,880.00');
  await expect(refund.locator('img[data-blob]')).toHaveCount(6);
  await a.emulateMedia({ media: 'print' });
  const refundPdf = await pdfText(await a.pdf({ format: 'A4' }));
  expect(refundPdf.text.replace(/\s+/g, '')).toContain(number);
  expect(refundPdf.images).toBeGreaterThanOrEqual(6);

  // The household page shows the renovation, and its steps with who took them in the timeline.
  await a.emulateMedia({ media: 'screen' });
  await a.getByRole('link', { name: '返回' }).click();
  await a.getByRole('link', { name: /2-0101/ }).click();
  await expect(a.getByTestId('unit-procedures')).toContainText(number);
  const timeline = a.locator('ol.timeline > li.lifecycle');
  await expect(timeline.filter({ hasText: '工程部审图' })).toHaveCount(2);
  await expect(timeline.filter({ hasText: `${number}：退还押金（${MANAGER}）` })).toHaveCount(1);
  await b.goto('/lifecycle');
  await expect(b.locator(`tr[data-procedure="${number}"]`)).toContainText('押金已退');
});

test('a move-in whose inspection files two defects as repair requests, then a move-out that leaves the unit vacant', async ({
  browser
}) => {
  test.setTimeout(300_000);
  const { a, b } = await twoTablets(browser);
  const UNIT = '2-0102';

  // Move-in at the desk on A.
  await openProcedure(a, 'moveIn', UNIT, '李雷');
  await a.getByRole('button', { name: '受理' }).click();
  await expect(stage(a)).toHaveText('待：核验身份/委托书');
  const moveIn = await numberOf(a);
  await step(a, '核验身份');
  await confirmDialog(a);
  await step(a, '收存资料');
  await a.getByRole('dialog').getByText('身份证明复印件', { exact: true }).click();
  await confirmDialog(a);
  await step(a, '交付手册、签署公约');
  for (const item of ['用户手册', '管理公约（已签）'])
    await a.getByRole('dialog').getByText(item, { exact: true }).click();
  await signPad(a);
  await confirmDialog(a);
  await step(a, '签署防火安全责任书');
  await signPad(a);
  await confirmDialog(a);
  await step(a, '客户档案登记');
  await a.getByRole('dialog').getByLabel(/^姓名/).fill('李雷');
  await a.getByRole('dialog').getByLabel(/^电话/).fill('13900001111');
  await confirmDialog(a);

  // The joint inspection: meters, checklist, two defects, three signatures.
  await step(a, '三方验房');
  const d = a.getByRole('dialog');
  await d.getByLabel(/^电表底数/).fill('1024.5');
  await d.getByLabel(/^水表底数/).fill('12');
  await d.getByText('门及门锁', { exact: true }).click();
  await d.getByLabel(/^遗漏缺陷/).fill('卫生间墙面渗水\n主卧窗户关不严');
  for (const field of ['customerSignature', 'engineeringSignature', 'customerServiceSignature'])
    await signPad(a, field);
  await confirmDialog(a);
  const defects = a.getByTestId('defects').locator('li');
  await expect(defects).toHaveCount(2);
  await expect(defects.nth(0)).toContainText('卫生间墙面渗水');
  await expect(defects.nth(1)).toContainText('主卧窗户关不严');
  const repairNumbers = await defects.locator('a').allTextContents();
  expect(repairNumbers.every((n) => /^BX-/.test(n))).toBe(true);

  await step(a, '钥匙签收');
  await a.getByRole('dialog').getByLabel(/^钥匙/).fill('3');
  await signPad(a);
  await confirmDialog(a);
  await step(a, '入住完成，通知各部门');
  await expect(stage(a)).toHaveText('已完成');
  await expect(a.getByTestId('unit-status')).toHaveText('单元状态：已入住');

  // The defects are repair requests to engineering: each opens as one, dispatched.
  await defects.nth(0).locator('a').click();
  await expect(a.getByTestId('status')).toHaveText('已派工');
  await expect(a.getByText('卫生间墙面渗水').first()).toBeVisible();
  // On the household page the owner's defect list shows both.
  await a.goto('/lifecycle');
  await a.locator(`tr[data-procedure="${moveIn}"]`).getByRole('link').click();
  await a.getByRole('link', { name: new RegExp(UNIT) }).click();
  await expect(a.getByTestId('unit-defects').locator('li')).toHaveCount(2);
  // B (engineering) receives both requests by sync.
  await b.goto('/tickets');
  for (const n of repairNumbers) await expect(b.locator(`a[data-ticket="${n}"]`)).toBeVisible(SYNC);

  // Move-out of the same unit: passes back on A, engineering inspects on B, security on A.
  await openProcedure(a, 'moveOut', UNIT, '李雷');
  await a.getByRole('button', { name: '受理' }).click();
  const moveOut = await numberOf(a);
  await step(a, '交回出入证、钥匙');
  await a
    .getByRole('dialog')
    .getByLabel(/^出入证/)
    .fill('2');
  await a.getByRole('dialog').getByLabel(/^钥匙/).fill('3');
  await confirmDialog(a);
  await openOn(b, moveOut);
  await step(b, '工程部验房');
  await b
    .getByRole('dialog')
    .getByLabel(/^电表底数/)
    .fill('1310');
  await b
    .getByRole('dialog')
    .getByLabel(/^水表底数/)
    .fill('30');
  await signPad(b);
  await confirmDialog(b);
  await switchTo(a, GUARD, PIN);
  await expect(a.getByRole('button', { name: '保安部检查', exact: true })).toBeVisible(SYNC);
  await step(a, '保安部检查');
  await signPad(a);
  await confirmDialog(a);
  await switchTo(a, MANAGER, defaultOffice.pin);
  await step(a, '财务结算');
  await a.getByRole('dialog').getByLabel(/^金额/).fill('200');
  await confirmDialog(a);
  await step(a, '车位、客户卡退还');
  await a
    .getByRole('dialog')
    .getByLabel(/^停车卡/)
    .fill('0');
  await a
    .getByRole('dialog')
    .getByLabel(/^客户卡/)
    .fill('2');
  await confirmDialog(a);
  await step(a, '登记新联系方式');
  await a
    .getByRole('dialog')
    .getByLabel(/^转寄地址/)
    .fill('上海市徐汇区漕溪北路88号');
  await a.getByRole('dialog').getByLabel(/^电话/).fill('13900002222');
  await confirmDialog(a);
  await step(a, '迁出完成，单元空置');
  await expect(stage(a)).toHaveText('已完成');
  await expect(a.getByTestId('unit-status')).toHaveText('单元状态：空置');
  await expect(b.getByTestId('unit-status')).toHaveText('单元状态：空置', SYNC);

  // The archive keeps the person, with the role ended.
  await a.getByRole('link', { name: new RegExp(UNIT) }).click();
  await expect(a.getByRole('heading', { name: UNIT, level: 1 })).toBeVisible();
  // Registered at move-in today, so the role runs from today to today (至): ended, not deleted.
  await expect(a.getByRole('heading', { name: '李雷' })).toBeVisible();
  await expect(a.getByText(/\d{4}\S* 至 \d{4}/).first()).toBeVisible();

  // The move-out form prints.
  await a.goto(`/lifecycle`);
  await a.locator(`tr[data-procedure="${moveOut}"]`).getByRole('link').click();
  await a.getByRole('link', { name: '客户迁出确认单' }).click();
  const form = a.getByTestId('printed-form');
  await expect(form).toContainText('上海市徐汇区漕溪北路88号');
  await expect(form.locator('img[data-blob]')).toHaveCount(2);
});
