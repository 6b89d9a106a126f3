import { expect, test, type Page } from '@playwright/test';
import { officeWithManager } from './support/office';

/**
 * Issue 20 fault 7: dates in the app's language, not the browser's. The browser here runs in
 * zh-CN; the desk switched to English must still show and read English dates, and the record
 * keeps the ISO day either way. The 部门登记簿 form stands for every form with a date.
 */

/** The register entries' dates as stored in IndexedDB, read with the raw API. */
async function storedDates(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ date: string; summary: string }[]>((resolve, reject) => {
      const req = db.transaction('registerEntry').objectStore('registerEntry').getAll();
      req.onsuccess = () => resolve(req.result as { date: string; summary: string }[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows.map((r) => `${r.date} ${r.summary}`).sort();
  });
}

test('date fields show and read dates in the app language; the record keeps the ISO day', async ({
  page
}) => {
  test.setTimeout(180_000);
  await officeWithManager(page);
  await page.goto('/reports/registers');
  // No native date input is left: Chromium would draw it in its own UI language.
  await expect(page.getByRole('button', { name: '登记', exact: true })).toBeVisible();
  await expect(page.locator('input[type="date"]')).toHaveCount(0);

  // zh-Hans: typed as the desk writes it, shown as a Chinese date.
  const day = page.getByRole('textbox', { name: '日期', exact: true });
  await expect(day).toHaveValue(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await day.fill('2026/3/7');
  await day.blur();
  await expect(day).toHaveValue('2026年3月7日');
  await expect(day).toHaveAttribute('data-value', '2026-03-07');

  // The month page, by keyboard: it opens on the chosen day; → is the next day, Enter picks.
  await page.getByRole('button', { name: '打开日历' }).click();
  const calendar = page.getByRole('dialog', { name: '日期' });
  await expect(calendar.getByRole('heading', { name: '2026年3月' })).toBeVisible();
  await expect(calendar.getByRole('button', { name: '2026年3月7日星期六' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(calendar.getByRole('button', { name: '2026年3月8日星期日' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(calendar).toHaveCount(0);
  await expect(day).toHaveValue('2026年3月8日');

  // By touch: the next month, the 2nd.
  await page.getByRole('button', { name: '打开日历' }).click();
  await calendar.getByRole('button', { name: '下个月' }).click();
  await calendar.getByRole('button', { name: '2026年4月2日星期四' }).click();
  await expect(day).toHaveValue('2026年4月2日');
  await expect(day).toHaveAttribute('data-value', '2026-04-02');

  await page.getByRole('textbox', { name: '情况摘要' }).fill('中文日期');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('已登记')).toBeVisible();
  await expect.poll(() => storedDates(page)).toEqual(['2026-04-02 中文日期']);

  // English, on the same zh-CN browser.
  await page.evaluate(() => localStorage.setItem('guanjia.locale', 'en'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const date = page.getByRole('textbox', { name: 'Date', exact: true });
  await expect(date).toHaveValue(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);

  // Something that is not a date: said at the field, nothing written.
  await date.fill('tomorrow');
  await page.getByRole('textbox', { name: 'What happened / what was inspected' }).fill('bad');
  await expect(
    page.getByText(/^Enter a date, for example \d{1,2} [A-Z][a-z]+ \d{4}$/)
  ).toBeVisible();
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  expect(await storedDates(page)).toEqual(['2026-04-02 中文日期']);

  // Day first, as British English writes it; shown with the month's English name.
  await date.fill('9/3/2026');
  await date.press('Enter');
  await expect(page.getByText('Recorded')).toBeVisible();
  await expect.poll(() => storedDates(page)).toEqual(['2026-03-09 bad', '2026-04-02 中文日期']);

  // The calendar in English: month name and weekday names in English.
  await date.fill('5 Dec 2026');
  await date.blur();
  await expect(date).toHaveValue('5 December 2026');
  await page.getByRole('button', { name: 'Open calendar' }).click();
  const english = page.getByRole('dialog', { name: 'Date' });
  await expect(english.getByRole('heading', { name: 'December 2026' })).toBeVisible();
  await expect(english.getByRole('columnheader').first()).toHaveText('Mon');
  await expect(english.getByRole('button', { name: 'Saturday, 5 December 2026' })).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  await page.keyboard.press('Escape');
  await expect(english).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open calendar' })).toBeFocused();
});

/** The incidents' start and end moments as stored, read with the raw IndexedDB API. */
async function storedIncidents(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ title: string; startsAt: number; endsAt?: number }[]>(
      (resolve, reject) => {
        const req = db.transaction('incident').objectStore('incident').getAll();
        req.onsuccess = () => resolve(req.result as { title: string; startsAt: number }[]);
        req.onerror = () => reject(req.error);
      }
    );
    db.close();
    return rows.map((r) => `${r.title} ${new Date(r.startsAt).toISOString()}`).sort();
  });
}

test('date-time and month fields show and read the app language; records keep ISO values', async ({
  page
}) => {
  test.setTimeout(180_000);
  await officeWithManager(page);
  await page.goto('/tickets/incidents');
  await expect(page.getByRole('button', { name: '登记事件', exact: true })).toBeVisible();
  await expect(page.locator('input[type="datetime-local"]')).toHaveCount(0);

  // zh-Hans: the day in the day box, the time (下午7点) in the time box beside it.
  const starts = page.getByRole('textbox', { name: '开始时间', exact: true });
  const startTime = page.getByRole('textbox', { name: '时间', exact: true }).first();
  await page.getByRole('textbox', { name: '标题', exact: true }).fill('东区停水');
  await page.getByRole('textbox', { name: '对来电的解释口径' }).fill('管网抢修，预计两小时');
  await starts.fill('2026/12/4');
  await startTime.fill('25:00');
  await startTime.blur();
  // Not a time: said at the field, nothing kept, nothing written.
  await expect(page.getByText('请输入时间，例如 14:30')).toBeVisible();
  await expect(starts).toHaveAttribute('data-value', '');
  await page.getByRole('button', { name: '登记事件', exact: true }).click();
  await expect(starts).toHaveAttribute('aria-invalid', 'true');
  expect(await storedIncidents(page)).toEqual([]);

  // Only the day: the field asks for both once the desk leaves it.
  await startTime.fill('');
  await startTime.blur();
  await expect(page.getByText('请同时填写日期和时间')).toBeVisible();

  await startTime.fill('下午7点');
  await startTime.blur();
  await expect(starts).toHaveValue('2026年12月4日');
  await expect(startTime).toHaveValue('19:00');
  await expect(starts).toHaveAttribute('data-value', '2026-12-04T19:00');
  await page.getByRole('button', { name: '登记事件', exact: true }).click();
  await expect(page.getByText('已登记事件')).toBeVisible();
  // 19:00 in the office's zone (Asia/Shanghai) is 11:00 UTC.
  await expect.poll(() => storedIncidents(page)).toEqual(['东区停水 2026-12-04T11:00:00.000Z']);

  // A whole date and time typed into the day box fills both boxes.
  await starts.fill('2026-12-05T08:30');
  await starts.blur();
  await expect(starts).toHaveValue('2026年12月5日');
  await expect(startTime).toHaveValue('08:30');

  // Month field, English, on the same zh-CN browser: 报表's month.
  await page.evaluate(() => localStorage.setItem('guanjia.locale', 'en'));
  await page.goto('/reports');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('input[type="month"]')).toHaveCount(0);
  const month = page.getByRole('textbox', { name: 'Month', exact: true });
  await expect(month).toHaveValue(/^[A-Z][a-z]+ \d{4}$/);
  await month.fill('03/2026');
  await month.blur();
  await expect(month).toHaveValue('March 2026');
  await expect(month).toHaveAttribute('data-value', '2026-03');
  await month.fill('2026-13');
  await month.blur();
  await expect(page.getByText(/^Enter a month, for example [A-Z][a-z]+ \d{4}$/)).toBeVisible();
  await expect(month).toHaveAttribute('data-value', '');

  // The year page, by keyboard: it opens on the chosen month; → is the next one, Enter picks.
  await month.fill('Mar 2026');
  await month.blur();
  await page.getByRole('button', { name: 'Open calendar' }).click();
  const year = page.getByRole('dialog', { name: 'Month' });
  await expect(year.getByRole('heading', { name: '2026' })).toBeVisible();
  await expect(year.getByRole('button', { name: 'March 2026' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(year.getByRole('button', { name: 'June 2026' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(year).toHaveCount(0);
  await expect(month).toHaveValue('June 2026');
  await expect(month).toHaveAttribute('data-value', '2026-06');
});
