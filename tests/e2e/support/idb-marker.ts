import type { Page } from '@playwright/test';

// A value written into the page's own IndexedDB (its origin), in a database of its own, so tests
// can prove that an app update or going offline leaves stored data alone without depending on
// the app's schema.
const database = 'guanjia-e2e-marker';
const store = 'marker';

export async function writeMarker(page: Page, value: string): Promise<void> {
  await page.evaluate(
    ({ database, store, value }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open(database, 1);
        open.onupgradeneeded = () => open.result.createObjectStore(store);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(value, 'value');
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    { database, store, value }
  );
}

/** The marker, or `null` when none was written in this origin. */
export async function readMarker(page: Page): Promise<string | null> {
  return page.evaluate(
    ({ database, store }) =>
      new Promise<string | null>((done, fail) => {
        const open = indexedDB.open(database, 1);
        open.onupgradeneeded = () => open.result.createObjectStore(store);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store).objectStore(store).get('value');
          request.onsuccess = () => {
            open.result.close();
            done(typeof request.result === 'string' ? request.result : null);
          };
          request.onerror = () => fail(request.error);
        };
      }),
    { database, store }
  );
}
