import { describe, expect, it } from 'vitest';
import { flush, queue, waiting, type OutboxStore } from './outbox';

// Issue 16 §1 "sends when it can": a submission queued while an earlier one is still being
// sent goes in the same visit, not at the next opening of the page.

function memoryStore(): OutboxStore {
  const memory = new Map<string, string>();
  return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
}

describe('flush', () => {
  it('a flush asked for during a run sends what was queued meanwhile', async () => {
    const store = memoryStore();
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const sending = new Promise<void>((resolve) => (started = resolve));
    const fetcher = (async (url: string | URL | Request) => {
      const tag = String(url).split('/').pop() ?? '';
      if (tag === 'AAAAAAAAAAAAAAAAAAAAAA') {
        started();
        await held; // the older one is slow to go
      }
      sent.push(tag);
      return new Response(null, { status: 202 });
    }) as typeof fetch;
    const item = (id: string, tag: string) => ({
      id,
      relay: 'http://relay.test',
      tag,
      sealed: new Uint8Array([1, 2, 3])
    });
    queue(store, item('old', 'AAAAAAAAAAAAAAAAAAAAAA'));
    const first = flush(store, fetcher); // the page's start-up run
    await sending;
    queue(store, item('new', 'BBBBBBBBBBBBBBBBBBBBBB')); // the owner taps 提交 meanwhile
    const second = flush(store, fetcher);
    release();
    expect((await first).get('old')).toBe('sent');
    expect((await second).get('new')).toBe('sent');
    expect(sent).toEqual(['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB']);
    expect(waiting(store)).toEqual([]);

    // Queued before the waiting run read the outbox: sent by that run, reported to both.
    queue(store, item('third', 'CCCCCCCCCCCCCCCCCCCCCC'));
    const third = flush(store, fetcher);
    queue(store, item('fourth', 'DDDDDDDDDDDDDDDDDDDDDD'));
    const fourth = flush(store, fetcher);
    expect((await third).get('third')).toBe('sent');
    expect((await fourth).get('fourth')).toBe('sent');
    expect(waiting(store)).toEqual([]);
  });
});
