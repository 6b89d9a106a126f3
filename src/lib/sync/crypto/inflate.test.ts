import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { inflateRaw } from './inflate';
import { inflateBounded } from './inflate-bounded';

const text = new TextEncoder();
/** 32 MiB of one letter: deflates to ~32 KB, the shape of a "zip bomb". */
const bomb = deflateSync(new Uint8Array(32 * 1024 * 1024).fill(65), { level: 9 });
const notice = text.encode('停水通知：3 号楼 12 月 8 日 9:00–17:00 检修供水管道。'.repeat(400));

describe('inflate with a bound', () => {
  it('gives back what was deflated, natively and by the fallback', async () => {
    const packed = deflateSync(notice, { level: 6 });
    expect(await inflateRaw(packed, 1024 * 1024)).toEqual(notice);
    expect(inflateBounded(packed, 1024 * 1024)).toEqual(notice);
  });

  it('stops a bomb at the bound, natively and by the fallback', async () => {
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(inflateRaw(bomb, 1024 * 1024)).rejects.toThrow(/inflated over/);
    expect(inflateBounded(bomb, 1024 * 1024)).toBeUndefined();
  });

  it('the fallback refuses a bomb without holding its output', () => {
    // Fed a kilobyte at a time near a bound this small, it stops near it: far less than the
    // 32 MiB a one-shot inflate would have allocated before looking at the size.
    // (A one-shot inflate then a size check holds ~38 MiB here.)
    const before = process.memoryUsage().arrayBuffers;
    expect(inflateBounded(bomb, 1024 * 1024)).toBeUndefined();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses corrupt and truncated data by the fallback', () => {
    const packed = deflateSync(notice, { level: 6 });
    expect(() => inflateBounded(packed.subarray(0, packed.length >> 1), 1024 * 1024)).toThrow();
    expect(() => inflateBounded(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 1024)).toThrow();
  });
});
