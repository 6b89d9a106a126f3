import { expect, test, type Page } from '@playwright/test';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { builtAppDir } from '../../scripts/build-dir.js';
import { buildServiceWorker } from '../../scripts/build-sw.js';
import { serve } from '../../scripts/serve.js';
import { readMarker, writeMarker } from './support/idb-marker';
import { waitForServiceWorker } from './support/service-worker';
import { officeWithManager } from './support/office';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every file under a directory, as URL paths ('/_app/immutable/…'). */
async function filesUnder(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? filesUnder(root, join(dir, entry.name))
        : ['/' + relative(root, join(dir, entry.name)).split(sep).join('/')]
    )
  );
  return nested.flat();
}

/** URL paths of everything in the page's Cache Storage. */
function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test('the web app manifest is linked, valid and its icons are PNGs of the stated sizes', async ({
  page,
  request
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href ?? '', page.url()).toString();

  const response = await request.get(manifestUrl);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = JSON.parse(await response.text()) as Record<string, unknown>;
  expect(manifest).toMatchObject({
    name: '管家 Guanjia',
    short_name: '管家',
    lang: 'zh-Hans',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#0f766e',
    background_color: '#ffffff'
  });

  const icons = manifest.icons as ManifestIcon[];
  for (const purpose of ['any', 'maskable']) {
    for (const size of [192, 512]) {
      const icon = icons.find(
        (candidate) =>
          candidate.sizes === `${size}x${size}` &&
          candidate.type === 'image/png' &&
          (candidate.purpose ?? 'any').split(' ').includes(purpose)
      );
      expect(icon, `${purpose} icon ${size}x${size}`).toBeDefined();
      const image = await request.get(new URL(icon?.src ?? '', manifestUrl).toString());
      expect(image.ok()).toBe(true);
      expect(image.headers()['content-type']).toBe('image/png');
      expect(pngSize(await image.body())).toEqual({ width: size, height: size });
    }
  }
});

test('the service worker controls the page and has precached every built file', async ({
  page
}) => {
  await page.goto('/');
  const scriptUrl = await waitForServiceWorker(page);
  expect(new URL(scriptUrl).pathname).toBe('/sw.js');

  const built = (await filesUnder(builtAppDir)).filter((path) => path !== '/sw.js');
  // Every route chunk, the shell, icons and manifest: a file left out is a screen that fails
  // offline.
  expect(built).toContain('/200.html');
  expect(built).toContain('/manifest.webmanifest');
  expect(built.some((path) => path.startsWith('/_app/immutable/nodes/'))).toBe(true);
  expect(new Set(await cachedPaths(page))).toEqual(new Set(built));
});

test('after one online visit the app opens with no network at all', async ({ page, context }) => {
  // A server of the test's own, so it can be shut down: no network means no server either.
  const server = await serve({ dir: builtAppDir, port: 0 });
  try {
    await page.goto(server.url + '/');
    await waitForServiceWorker(page);
    const office = await officeWithManager(page, { url: server.url + '/' });
    await writeMarker(page, 'written before going offline');

    await context.setOffline(true);
    await server.close();

    const failures: string[] = [];
    // A lazy chunk still loading when the test navigates on is cancelled (net::ERR_ABORTED):
    // that is the navigation, not the network. Anything else is a file missing offline.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(request.url());
    });
    page.on('pageerror', (error) => failures.push(error.message));

    const response = await page.reload();
    expect(response?.status()).toBe(200);
    expect(response?.fromServiceWorker()).toBe(true);
    // The app, not the browser's offline page: SvelteKit has started and rendered into its root.
    await expect(page.locator('link[rel="manifest"]')).toHaveCount(1);
    await expect
      .poll(() => page.evaluate(() => document.body.firstElementChild?.childElementCount ?? 0))
      .toBeGreaterThan(0);
    expect(await readMarker(page)).toBe('written before going offline');
    // The office written before is on screen: the desk works with no network.
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    await expect(page.getByText(office.officeName).first()).toBeVisible();
    await expect(page.getByText(office.communityName).first()).toBeVisible();

    // A deep link opened offline gets the app shell too (navigateFallback).
    const deep = await page.goto(server.url + '/settings');
    expect(deep?.status()).toBe(200);
    expect(deep?.fromServiceWorker()).toBe(true);
    expect(failures).toEqual([]);
  } finally {
    await context.setOffline(false);
    await server.close();
  }
});

test('a new deploy shows the update prompt; 刷新 loads it and stored data survives', async ({
  page
}) => {
  // "The next version": a copy of build/ whose shell is marked, with its own sw.js generated over
  // it, as `npm run build` would after a change.
  const nextBuild = await mkdtemp(join(tmpdir(), 'guanjia-next-build-'));
  await cp(builtAppDir, nextBuild, { recursive: true });
  // `/` is the prerendered index.html; every other staff path is served 200.html.
  for (const name of ['index.html', '200.html']) {
    const shell = join(nextBuild, name);
    const html = await readFile(shell, 'utf8');
    await writeFile(
      shell,
      html.replace('<head>', '<head>\n    <meta name="guanjia-e2e-build" content="next" />')
    );
  }
  await buildServiceWorker({ dir: nextBuild, quiet: true });

  const server = await serve({ dir: builtAppDir, port: 0 });
  try {
    await page.goto(server.url + '/');
    await waitForServiceWorker(page);
    await writeMarker(page, 'written before the update');
    await expect(page.getByRole('button', { name: '刷新' })).toHaveCount(0);

    server.setDir(nextBuild);
    // The browser checks for a new sw.js on navigation; the running version stays in charge.
    await page.reload();
    const reloadButton = page.getByRole('button', { name: '刷新' });
    await expect(reloadButton).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('新版本可用')).toBeVisible();
    await expect(page.locator('meta[name="guanjia-e2e-build"]')).toHaveCount(0);

    // Until the user agrees, the new version does not take over, not even on a plain reload.
    await page.reload();
    await expect(reloadButton).toBeVisible();
    await expect(page.locator('meta[name="guanjia-e2e-build"]')).toHaveCount(0);
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)
    ).toBe(true);

    await reloadButton.click();
    await expect(page.locator('meta[name="guanjia-e2e-build"]')).toHaveAttribute(
      'content',
      'next',
      { timeout: 20_000 }
    );
    await expect(page.getByRole('button', { name: '刷新' })).toHaveCount(0);
    expect(await readMarker(page)).toBe('written before the update');
  } finally {
    await server.close();
    await rm(nextBuild, { recursive: true, force: true });
  }
});
