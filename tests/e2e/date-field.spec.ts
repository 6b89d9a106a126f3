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
