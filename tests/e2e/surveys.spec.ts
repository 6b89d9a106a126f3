import { expect, test, type Page } from '@playwright/test';
import { householdCode } from '../../src/lib/domain/survey/household-code';
import { demoOffice } from './support/demo';

// Must show (issue 16 §5): a survey with 200 generated answers plus 10 typed in from paper
// gives the per-factor analysis and charts (against last year's survey); the results notice
// is flagged late by the Chinese calendar with 调休. One tablet with the small demo office
// (600 households), its manager signed in.
test.describe.configure({ mode: 'serial', timeout: 400_000 });

let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  page = await (await browser.newContext()).newPage();
  await demoOffice(page);
});

test.afterAll(async () => page?.context().close());

async function createSurvey(year: string): Promise<string> {
  await page.goto('/surveys');
  await page.getByLabel('年份').fill(year);
  await expect(page.getByLabel('标题')).toHaveValue(`${year}年度客户满意度调查`);
  await page.getByRole('button', { name: '新建', exact: true }).click();
  await expect(page.getByRole('heading', { name: `${year}年度客户满意度调查` })).toBeVisible();
  return page.url().split('/surveys/')[1];
}

async function generate(count: number) {
  await page.getByLabel('份数').fill(String(count));
  await page.getByRole('button', { name: '生成演示答卷' }).click();
  await expect(page.getByText(`已生成 ${count} 份演示答卷`)).toBeVisible({ timeout: 60_000 });
}

/** Households of the survey without an answer yet, with their unit code and household code. */
async function unanswered(surveyId: string, n: number) {
  const rows = await page.evaluate(async (surveyId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
      });
    type U = { id: string; buildingId: string; entrance: string; room: string; type: string };
    const [units, buildings, answers, surveys] = await Promise.all([
      all<U>('unit'),
      all<{ id: string; code: string }>('building'),
      all<{ unitId: string; surveyId: string }>('surveyAnswer'),
      all<{ id: string; codeKey: string }>('survey')
    ]);
    db.close();
    const done = new Set(answers.filter((a) => a.surveyId === surveyId).map((a) => a.unitId));
    const code = new Map(buildings.map((b) => [b.id, b.code]));
    return {
      codeKey: surveys.find((s) => s.id === surveyId)?.codeKey ?? '',
      free: units
        .filter((u) => u.type === 'residential' && !done.has(u.id))
        .map((u) => ({
          id: u.id,
          unit: u.entrance
            ? `${code.get(u.buildingId)}-${u.entrance}-${u.room}`
            : `${code.get(u.buildingId)}-${u.room}`
        })),
      taken: [...done]
        .map((id) => units.find((u) => u.id === id))
        .filter((u): u is U => !!u)
        .map((u) =>
          u.entrance
            ? `${code.get(u.buildingId)}-${u.entrance}-${u.room}`
            : `${code.get(u.buildingId)}-${u.room}`
        )
    };
  }, surveyId);
  return {
    free: rows.free
      .slice(0, n)
      .map((r) => ({ ...r, code: householdCode(rows.codeKey, surveyId, r.id) })),
    taken: rows.taken
  };
}

test('200 generated answers and 10 typed in from paper give the per-factor analysis and charts', async () => {
  // Last year's survey, to compare with.
  await createSurvey('2025');
  await generate(150);

  const id = await createSurvey('2026');
  await page.getByRole('button', { name: '开始调查' }).click();
  await expect(page.getByRole('button', { name: '结束调查' })).toBeVisible();
  await generate(200);
  await expect(page.getByText(/已收答卷 200 份/)).toBeVisible();

  const { free, taken } = await unanswered(id, 10);
  const entry = page.getByTestId('paper-entry');
  const who = entry.getByLabel('住户编码或房号');
  for (const [i, h] of free.entries()) {
    // Half by the household code on the sheet, half by the unit, as the desk would.
    await who.fill(i % 2 === 0 ? h.code.toLowerCase() : h.unit);
    await expect(entry.getByText(`住户：${h.unit}`)).toBeVisible();
    await entry.getByLabel('快速录入评分').fill(i === 0 ? '5443554435' : '4454345534');
    if (i === 0) {
      await expect(entry.getByRole('button', { name: '4 满意' }).nth(1)).toHaveAttribute(
        'aria-pressed',
        'true'
      );
      await entry.getByRole('textbox', { name: /迅速反应.*的原因/ }).fill('晚上报修电话没人接');
      await entry.locator('textarea').fill('地库停车位太少');
    }
    await who.press('Enter');
    await expect(page.getByText(`已录入 ${h.unit} 的答卷`)).toBeVisible();
    await expect(who).toHaveValue('');
  }
  await expect(page.getByText(/已收答卷 210 份/)).toBeVisible();

  // A household that already answered is refused at once, with a clear message.
  await who.fill(taken[0]);
  await expect(entry.getByText(`${taken[0]} 已提交过答卷（业主链接`)).toBeVisible();
  await expect(entry.getByRole('button', { name: '保存答卷' })).toBeDisabled();
  await who.fill(free[0].unit);
  await expect(entry.getByText(`${free[0].unit} 已提交过答卷（纸质`)).toBeVisible();

  await page.getByRole('tab', { name: '分析' }).click();
  const analysis = page.getByTestId('survey-analysis');
  await expect(analysis.getByTestId('answer-count')).toHaveText('210');
  await expect(analysis.getByTestId('overall-rate')).toHaveText(/%$/);
  await expect(analysis.getByText('与“2025年度客户满意度调查”相比')).toBeVisible();
  await expect(analysis.getByTestId('overall-change')).toHaveText(/个百分点|—/);
  const factors = analysis.getByTestId('factor-table').locator('tbody tr');
  await expect(factors).toHaveCount(10);
  await expect(factors.first().locator('th')).toHaveText('依赖性');
  await expect(factors.nth(9).locator('th')).toHaveText('有形性');
  for (const row of await factors.all()) await expect(row.locator('td').first()).toHaveText(/%$/);
  await expect(analysis.getByTestId('building-table').locator('tbody tr')).toHaveCount(12);
  await expect(analysis.getByTestId('factor-chart')).toHaveAttribute('data-drawn', 'true');
  await expect(analysis.getByTestId('building-chart')).toHaveAttribute('data-drawn', 'true');
  await expect(analysis.getByText(/^停车 · \d+ 条$/)).toBeVisible();
  await expect(analysis.getByText(/^迅速反应 · \d+ 条$/)).toBeVisible();
});

test('improvement plan, results notice flagged late by the 调休 calendar, print', async () => {
  await page.getByRole('tab', { name: '改进计划' }).click();
  await page.getByRole('textbox', { name: '改进措施' }).fill('夜间值班电话转接值班手机');
  await page.getByRole('combobox', { name: '责任人' }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: '完成日期' }).fill('2027-01-15');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByTestId('plan-table')).toContainText('夜间值班电话转接值班手机');

  await page.getByRole('tab', { name: '结果公布' }).click();
  // The analysis finished on the last day of the National Day holiday 2026: the 5 working
  // days are 10-08, 10-09, Saturday 10-10 (调休), 10-12 and 10-13 — a plain week would say 10-14.
  await page.getByRole('textbox', { name: '统计分析完成时间' }).fill('2026-10-07T10:00');
  await page.getByRole('textbox', { name: '分析结论' }).fill('夜间报修响应慢；停车位不足。');
  await page.getByRole('button', { name: '完成分析' }).click();
  const status = page.getByTestId('results-status');
  await expect(status).toContainText('须于 2026年10月13日星期二 前公布');
  await expect(status).toHaveAttribute('data-state', 'late');
  await expect(status.getByRole('alert')).toHaveText('已超期未公布');

  await page.getByRole('button', { name: '起草结果通知' }).click();
  await page.getByRole('link', { name: '打开结果通知' }).click();
  await expect(page.getByText('须在统计分析后 5 个工作日内公布（2026-10-13 前）')).toBeVisible();
  await expect(page.getByLabel('正文')).toHaveValue(/总体满意率/);
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.getByLabel('经理特批理由').fill('分析报告经业委会审阅后才定稿');
  await page.getByRole('button', { name: '仍然发布' }).click();
  await expect(page.getByText('通知已发布')).toBeVisible();

  await page.goto(page.url().replace(/\/notices\/.*/, '/surveys'));
  await page.getByRole('link', { name: '2026年度客户满意度调查' }).click();
  await page.getByRole('tab', { name: '结果公布' }).click();
  await expect(page.getByTestId('results-status')).toHaveAttribute('data-state', 'publishedLate');
  await expect(page.getByTestId('results-status').getByRole('alert')).toContainText('逾期公布');

  // Print: the questionnaire per household with its code, and the results report.
  await page.getByRole('link', { name: '打印问卷' }).click();
  await expect(page.getByTestId('questionnaire-sheet')).toHaveCount(1);
  await page.getByRole('combobox', { name: '打印' }).selectOption({ index: 1 });
  await expect(page.getByTestId('questionnaire-sheet').first()).toContainText('住户编码');
  expect(await page.getByTestId('questionnaire-sheet').count()).toBeGreaterThan(10);
  await page.getByRole('link', { name: '返回调查' }).click();
  await page.getByRole('tab', { name: '结果公布' }).click();
  await page.getByRole('link', { name: '打印调查结果' }).click();
  await expect(page.getByTestId('results-report')).toContainText('收回答卷 210 份');
  await expect(page.getByTestId('results-report')).toContainText('夜间值班电话转接值班手机');
});
