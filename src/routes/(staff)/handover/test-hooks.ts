import { applyRemoteChunks, chunksSince } from '$lib/db/apply-remote';
import { syncState } from '$lib/db/sync-state';

/**
 * For the browser tests only: when a test sets `localStorage['guanjia.testHooks']`, the
 * handover pages expose the op-log exchange on `window.guanjiaTest`, so a test can carry ops
 * between two browser contexts (two "tablets") as the sync engine does. Without the flag,
 * nothing is exposed.
 */
declare global {
  interface Window {
    guanjiaTest?: {
      vector(): Promise<Record<string, number>>;
      chunksSince: typeof chunksSince;
      applyRemoteChunks: typeof applyRemoteChunks;
    };
  }
}

export function installTestHooks(): void {
  if (typeof localStorage === 'undefined' || !localStorage.getItem('guanjia.testHooks')) return;
  window.guanjiaTest = {
    vector: async () => (await syncState((await import('$lib/db/database')).database())).vv,
    chunksSince,
    applyRemoteChunks
  };
}
