import { afterAll, beforeAll, expect, it } from 'vitest';
import { FLOODS, runFlood, spawnGuardedRelay } from './hostile/floods';
import type { RelayProcess } from './relay-process';

// Issue 13: bounded floods on loopback against a relay with its production guards, each while
// an honest office edits and a genuine pairing runs (figures: `npm run bench -- hostile`).
const RSS_LIMIT_MB = 300;
let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnGuardedRelay();
});
afterAll(() => relay?.stop());

it.each(FLOODS)(
  'flood %s: relay RSS stays under the limit, the honest office syncs, a genuine pairing succeeds',
  async (kind) => {
    const result = await runFlood(relay, kind, 3);
    expect(result.rssPeakMb).toBeLessThan(RSS_LIMIT_MB);
    expect(result.edits).toBeGreaterThan(0);
    expect(result.synced).toBe(result.edits);
    expect(result.honestErrors).toEqual([]);
    expect(result.pairingOk).toBe(true);
    expect(relay.logs.filter((l) => l.event === 'uncaught' || l.event === 'session-error')).toEqual(
      []
    );
  }
);
