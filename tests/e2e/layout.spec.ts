import { expect, test as base, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { demoOffice } from './support/demo';
import { localeNames } from '../../src/lib/i18n/locale-names';
import hansShell from '../../src/lib/i18n/locales/zh-Hans/shell';
import hantShell from '../../src/lib/i18n/locales/zh-Hant/shell';
import enShell from '../../src/lib/i18n/locales/en/shell';
import hansSearch from '../../src/lib/i18n/locales/zh-Hans/search';
import hantSearch from '../../src/lib/i18n/locales/zh-Hant/search';
import enSearch from '../../src/lib/i18n/locales/en/search';

/**
 * Issue 20 "Must show" and its walk: the main screens of the demo office on a phone (390×844),
 * a portrait tablet (768×1024) and at the desk (1280×800), in all three languages: nothing
 * wider than the viewport and nothing of the main content cut off, the top bar's actions on
 * screen, axe finds no violation, and the page's lang is the app's language.
 *
 * The demo office is set up once per worker (it is the slow part: ~600 households through the
 * write path); each (language, width) is its own test on that office, the language switched on
 * 设置 as a person would.
 */

const mainScreens = [
  '/',
  '/tickets',
  '/tickets/register',
  '/households',
  '/handover',
  '/notices',
  '/visits',
  '/fees',
  '/reports',
  '/settings'
];

const languages = [
  { locale: 'zh-Hans', shell: hansShell, search: hansSearch },
  { locale: 'zh-Hant', shell: hantShell, search: hantSearch },
  { locale: 'en', shell: enShell, search: enSearch }
] as const;
type Language = (typeof languages)[number];

const viewports = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 }
];

interface Office {
  page: Page;
  /** The main screens plus a request page and a household page of the demo office. */
  screens: string[];
}

const test = base.extend<object, { office: Office }>({
  office: [
    async ({ browser }, use) => {
      const context = await browser.newContext({
        baseURL: process.env.GUANJIA_E2E_URL,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1280, height: 800 }
      });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      await demoOffice(page);
      const screens = [...mainScreens, ...(await detailScreens(page))];
      await use({ page, screens });
      await context.close();
    },
    // The demo office through the write path: minutes on a busy machine.
    { scope: 'worker', timeout: 900_000 }
  ]
});

/** The first request of the register and a real household page (not /households/import). */
async function detailScreens(page: Page): Promise<string[]> {
  await page.goto('/tickets/register');
  const ticket = page.locator('main tbody a[href*="/tickets/"]').first();
  await ticket.waitFor();
  await page.goto('/households');
  const household = page.locator('main tbody a[href*="/households/"]').first();
  await household.waitFor();
  const hrefs = [await ticket.getAttribute('href').catch(() => null)];
  hrefs.push(await household.getAttribute('href'));
  return hrefs.filter((href): href is string => !!href);
}

/** Switch the app's language on 设置 with its language buttons, as a person would. */
async function chooseLanguage(page: Page, language: Language) {
  await page.goto('/settings');
  await expect(page.locator('main h1').first()).toBeVisible();
  await page.locator('main').getByRole('button', { name: localeNames[language.locale] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language.locale);
}

async function expectFits(page: Page, where: string, language: Language) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth
  }));
  expect
    .soft(scrollWidth, `${where}: page wider than the viewport`)
    .toBeLessThanOrEqual(innerWidth);
  const clipped = await page.evaluate(clippedInMain);
  expect.soft(clipped, `${where}: main content cut off`).toEqual([]);

  const bar = page.locator('header.top-bar');
  const buttons = [language.shell['shell.lock'], language.shell['shell.switchUser']];
  for (const name of buttons) {
    await expect(
      bar.getByRole('button', { name, exact: true }),
      `${where}: ${name}`
    ).toBeInViewport({ ratio: 1 });
  }
  // The menu button exists below the landscape breakpoint, where the menu is a drawer.
  const menu = bar.getByRole('button', { name: language.shell['shell.menu.open'], exact: true });
  if ((page.viewportSize()?.width ?? 0) < 960)
    await expect(menu, `${where}: menu`).toBeInViewport({ ratio: 1 });
  const search = page.getByRole('combobox', { name: language.search['search.label'] });
  await expect(search, `${where}: search`).toBeInViewport({ ratio: 1 });
  expect
    .soft((await search.boundingBox())?.width ?? 0, `${where}: search width`)
    .toBeGreaterThanOrEqual(140);
}

/**
 * Elements of main whose box leaves the viewport sideways without a scrolling box around them
 * (a wide table inside a card that scrolls is fine; one that runs off the screen is not), and
 * text boxes that cut their own content (overflow hidden with more inside than shown).
 */
function clippedInMain(): string[] {
  const main = document.querySelector('main');
  if (!main) return ['no main'];
  const width = window.innerWidth;
  const found: string[] = [];
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
  const scrolls = (el: Element) => {
    const style = getComputedStyle(el);
    return style.overflowX === 'auto' || style.overflowX === 'scroll';
  };
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    // Visually hidden text (1 px, clipped) is for screen readers; it is meant to be clipped.
    if (box.width <= 1 && box.height <= 1) continue;
    if (el.closest('[hidden], [inert], dialog:not([open])')) continue;
    let inScroller = false;
    for (let up = el.parentElement; up && up !== main.parentElement; up = up.parentElement)
      if (scrolls(up)) {
        inScroller = true;
        break;
      }
    if (!inScroller && (box.right > width + 0.5 || box.left < -0.5)) {
      found.push(`${describe(el)} ${Math.round(box.left)}–${Math.round(box.right)}`);
      continue;
    }
    if (
      (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
      !scrolls(el) &&
      el.scrollWidth > el.clientWidth + 1 &&
      style.textOverflow !== 'ellipsis'
    )
      found.push(`${describe(el)} cuts ${el.scrollWidth - el.clientWidth}px`);
  }
  return found.slice(0, 10);
}

async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
  expect.soft(found, `${where}: axe`).toEqual([]);
}

for (const language of languages) {
  test.describe(`${language.locale}`, () => {
    for (const viewport of viewports) {
      test(`main screens at ${viewport.width}×${viewport.height}: fit, top bar reachable, axe clean`, async ({
        office
      }) => {
        // A dozen screens, each checked by axe: a few minutes on a quiet machine, far more under load.
        test.setTimeout(1_200_000);
        const { page, screens } = office;
        await page.setViewportSize(viewport);
        await chooseLanguage(page, language);
        for (const path of screens) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', language.locale);
          await expect(page.locator('main h1').first()).toBeVisible();
          // Wait for the screen's data, not for time: no "loading" left on it.
          await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
          const where = `${path} ${language.locale} ${viewport.width}px`;
          await expectFits(page, where, language);
          await expectAccessible(page, where);
        }
      });
    }
  });
}
