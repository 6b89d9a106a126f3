import { afterEach, describe, expect, it, vi } from 'vitest';
import { testOfficeSetUp } from '$lib/setup/test-office';
import * as relayUrl from '$lib/sync/relay-url';
import { startInboxLoop, type InboxLoop } from './desk-loop';

// Each look for the relay reads its address from the database.
vi.mock('$lib/sync/relay-url', async (original) => {
  const real = await original<typeof import('$lib/sync/relay-url')>();
  return { ...real, loadRelayUrl: vi.fn(real.loadRelayUrl) };
});

/** Up to `n` turns of the event loop (each long enough for a fake-indexeddb read), or until
 * `enough` holds. */
async function turns(n: number, enough: () => boolean): Promise<void> {
  for (let i = 0; i < n && !enough(); i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the desk inbox loop', () => {
  let loop: InboxLoop | undefined;
  afterEach(() => {
    loop?.stop();
    vi.unstubAllGlobals();
  });

  it('with no relay set, looks for one now and then, not over and over', async () => {
    // The loop listens for the browser's online event; Node has no window.
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('removeEventListener', () => undefined);
    const { db, manager } = await testOfficeSetUp();
    const asked = vi.mocked(relayUrl.loadRelayUrl);
    asked.mockClear();
    loop = startInboxLoop(manager, db);
    await vi.waitUntil(() => asked.mock.calls.length > 0);
    // Start-up (links, surveys, statuses) looks a few times; before the fix the loop looked
    // again on every turn, without end.
    await turns(200, () => asked.mock.calls.length > 20);
    expect(asked.mock.calls.length).toBeLessThanOrEqual(8);
  });
});
