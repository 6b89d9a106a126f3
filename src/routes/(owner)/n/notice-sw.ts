/// <reference lib="webworker" />
/**
 * The owner page's own service worker (n/sw.js, scope /n/): a notice opened once opens again
 * with no network (issue 8). It keeps only the page and its few files — an owner's phone must
 * not download the staff app (the office's worker, /sw.js, precaches all of it) on its data
 * plan. Bundled at prerender (owner-script.server.ts), which fills in the two constants.
 */
declare const __OWNER_CACHE__: string;
declare const __OWNER_FILES__: string[];

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'guanjia-owner-';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(__OWNER_CACHE__)
      .then((cache) => cache.addAll(__OWNER_FILES__))
      .then(() => worker.skipWaiting())
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(CACHE_PREFIX) && key !== __OWNER_CACHE__)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => worker.clients.claim())
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const folder = new URL('./', worker.registration.scope);
  if (url.origin !== folder.origin || !`${url.pathname}/`.startsWith(folder.pathname)) return;
  if (request.mode === 'navigate') {
    // The page: fresh when online (a new version of the site), the kept copy when not.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(folder.href)) ?? Response.error())
    );
    return;
  }
  // Its files have the hash of their content in their names: the kept copy is the right one.
  event.respondWith(caches.match(request).then((kept) => kept ?? fetch(request)));
});
