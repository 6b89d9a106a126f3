import { describe, expect, it } from 'vitest';
import type { OwnerNotice } from './payload';
import type { PinStore } from './pinning';
import { tellRead } from './read-receipt';

function memoryStore(): PinStore {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

const notice: OwnerNotice = {
  v: 1,
  id: '0192f0a4-0000-7000-8000-000000000001',
  office: '锦绣物业服务中心',
  community: '锦绣花园',
  kind: 'waterCut',
  title: '停水通知',
  body: '3栋停水。',
  audience: '3栋业主',
  publishedAt: 1_794_900_000_000,
  zone: 'Asia/Shanghai',
  receipts: 'https://relay.example.cn'
};
const TAG = 'AAAAAAAAAAAAAAAAAAAAAA';

function relay(status: number) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetcher = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(null, { status });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe('the owner page tells the relay once that a notice was opened', () => {
  it('one anonymous POST of the tag, then never again for that notice', async () => {
    const store = memoryStore();
    const { calls, fetcher } = relay(204);
    expect(await tellRead(notice, TAG, store, fetcher)).toBe('counted');
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(`https://relay.example.cn/r/${TAG}`);
    expect(calls[0].init).toMatchObject({ method: 'POST', credentials: 'omit' });
    expect(calls[0].init?.body).toBeUndefined();
    // From another building's poster: the same notice, not counted twice.
    expect(await tellRead(notice, 'BBBBBBBBBBBBBBBBBBBBBB', store, fetcher)).toBe('already');
    expect(calls).toHaveLength(1);
  });

  it('nothing when receipts are off, without a tag, or without storage; offline tries again later', async () => {
    const { calls, fetcher } = relay(204);
    const { receipts: _, ...withoutReceipts } = notice;
    expect(await tellRead(withoutReceipts, TAG, memoryStore(), fetcher)).toBe('off');
    expect(await tellRead(notice, undefined, memoryStore(), fetcher)).toBe('off');
    expect(await tellRead(notice, TAG, undefined, fetcher)).toBe('off');
    expect(calls).toHaveLength(0);

    const store = memoryStore();
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await tellRead(notice, TAG, store, offline)).toBe('failed');
    expect(await tellRead(notice, TAG, store, relay(429).fetcher)).toBe('failed');
    expect(await tellRead(notice, TAG, store, fetcher)).toBe('counted');
  });
});
