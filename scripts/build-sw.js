#!/usr/bin/env node
// Writes build/sw.js after `vite build`: a Workbox service worker that precaches the whole built
// app (shell, every route chunk, icons, manifest, fonts), so the staff app opens with no network
// after one visit. A new version waits until the user agrees (update prompt, src/lib/pwa).
import { generateSW } from 'workbox-build';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Owner pages (/n notice, /r request, /q survey; /s kept for them) are prerendered: they must
 * open from their own precached html (Workbox's cleanURLs maps `/n` to `n.html`), never from
 * the staff app's shell.
 */
export const ownerPagePattern = /^\/(n|s|r|q)(\/|$)/;

/**
 * Generate `<dir>/sw.js` over the built app in `dir`.
 * @param {{ dir?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ count: number, size: number, warnings: string[] }>}
 */
export async function buildServiceWorker(options = {}) {
  const dir = resolve(options.dir ?? 'build');
  if (!existsSync(join(dir, '200.html'))) {
    throw new Error(`No built app in ${dir} (200.html missing): run \`vite build\` first.`);
  }
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ['**/*.{html,js,mjs,css,json,webmanifest,svg,png,jpg,webp,ico,woff,woff2,wasm}'],
    // _app/version.json is precached too: SvelteKit fetches it after a failed navigation, and the
    // version it should compare with is the one this worker serves, not the server's.
    globIgnores: ['sw.js', 'sw.js.map'],
    swDest: join(dir, 'sw.js'),
    // Hashed file names already change with their content: no need for a revision query.
    dontCacheBustURLsMatching: /^_app\/immutable\//,
    // Generous: a route chunk with zod schemas or pinyin tables can pass Workbox's 2 MB default,
    // and a chunk left out of the precache is a screen that fails offline.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: '/200.html',
    navigateFallbackDenylist: [ownerPagePattern],
    // The first visit is controlled at once, so it is already usable offline.
    clientsClaim: true,
    // No skipWaiting: an update waits for the user's "刷新"; the generated worker listens for
    // workbox-window's SKIP_WAITING message instead.
    skipWaiting: false,
    cleanupOutdatedCaches: true,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production'
  });
  if (!options.quiet) {
    for (const warning of warnings) console.warn(`build-sw: ${warning}`);
    console.log(`build-sw: precached ${count} files, ${(size / 1024).toFixed(1)} KB -> sw.js`);
  }
  return { count, size, warnings };
}

const invokedDirectly =
  process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const dirFlag = process.argv.indexOf('--dir');
  const dir = dirFlag >= 0 ? process.argv[dirFlag + 1] : undefined;
  try {
    await buildServiceWorker({ dir });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
