import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { demoOffice } from './support/demo';

/**
 * Issue 20 "Must show": the main screens of the demo office on a phone (390×844) and at the
 * desk (1280×800): nothing wider than the viewport, the top bar's actions on screen, and
 * axe finds no violation.
 */

const mainScreens = [
  '/',
  '/tickets',
  '/tickets/new',
  '/tickets/register',
  '/households',
  '/units',
  '/notices',
  '/handover',
  '/reports',
  '/settings'
];

/** The first request of the register and the first household of the first building. */
async function detailScreens(page: Page): Promise<string[]> {
  await page.goto('/tickets/register');
  const ticket = await page.locator('tbody a').first().getAttribute('href');
  await page.goto('/households');
  await page.locator('main tbody a[href*="/households/"]').first().waitFor();
  const household = await page
    .locator('main tbody a[href*="/households/"]')
    .first()
    .getAttribute('href');
  return [ticket ?? '', household ?? ''].filter(Boolean);
}

async function expectFits(page: Page, path: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth
  }));
  expect.soft(scrollWidth, `${path}: page wider than the viewport`).toBeLessThanOrEqual(innerWidth);
  const viewport = page.viewportSize();
  for (const name of ['锁屏', '切换用户']) {
    const button = page.getByRole('button', { name, exact: true });
    await expect(button, `${path}: ${name}`).toBeInViewport({ ratio: 1 });
    const box = await button.boundingBox();
    expect(box && viewport && box.x + box.width <= viewport.width, `${path}: ${name}`).toBe(true);
  }
  const search = page.getByRole('combobox', { name: '搜索住户或房屋' });
  await expect(search, `${path}: search`).toBeInViewport({ ratio: 1 });
  expect((await search.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(140);
}

async function expectAccessible(page: Page, path: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
  expect.soft(found, `${path}: axe`).toEqual([]);
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 800 }
]) {
  test(`main screens at ${viewport.width}×${viewport.height}: fit, top bar reachable, axe clean`, async ({
    page
  }) => {
    test.setTimeout(300_000);
    await demoOffice(page);
    await page.setViewportSize(viewport);
    const screens = [...mainScreens, ...(await detailScreens(page))];
    for (const path of screens) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      // Wait for the screen's data, not for time: no "loading" left on it.
      await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
      await expectFits(page, path);
      await expectAccessible(page, path);
    }
  });
}
