import type { VersionVector } from '$lib/oplog/format';
import { opsIn, PUBLISH_EVERY_OPS } from './snapshot-relay';

/** Look at the log's growth once no change has come for this long (a load writes in bursts). */
export const GROWTH_QUIET_MS = 10_000;

interface GrowingLog {
  onChange(listener: () => void): () => void;
  vector(): Promise<VersionVector>;
}

/**
 * Calls `publish` when the office's log has grown PUBLISH_EVERY_OPS past the ops the relay's
 * newest snapshot covers (`covered`, undefined until known), looking only once the log has
 * gone GROWTH_QUIET_MS without a change: a demo load or an import gets one snapshot of all it
 * wrote, not one of its first part with the rest left as every new tablet's tail (the check
 * used to run 10 s after a burst's first change, mid-load on a slow machine). Returns the stop.
 */
export function watchLogGrowth(
  log: GrowingLog,
  covered: () => number | undefined,
  publish: () => void
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unwatch = log.onChange(() => {
    if (covered() === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void log.vector().then((vv) => {
        const base = covered();
        if (base !== undefined && opsIn(vv) - base >= PUBLISH_EVERY_OPS) publish();
      });
    }, GROWTH_QUIET_MS);
  });
  return () => {
    clearTimeout(timer);
    unwatch();
  };
}
