import { describe, expect, it } from 'vitest';
import { AddressBook, DEFAULT_GUARDS, TokenBucket } from './limits';
import { RejectLog, type LogFields } from './log';
import { depthExceeds } from './parse';

describe('token bucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3].map(() => bucket.take(0).ok)).toEqual([true, true, true]);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(bucket.take(100).ok).toBe(true); // 0.1 s at 10/s = one token
    expect(bucket.take(100).ok).toBe(false);
    expect([1, 2, 3, 4].map(() => bucket.take(10_000).ok)).toEqual([true, true, true, false]); // capped at burst
  });
});

describe('address book', () => {
  it('caps connections per address and in total, and pairings per address', () => {
    const book = new AddressBook({
      ...DEFAULT_GUARDS,
      maxConnections: 3,
      maxConnectionsPerAddress: 2,
      maxPairingsPerAddress: 1
    });
    expect(['a', 'a', 'a'].map((address) => book.connect(address, 0))).toEqual([
      'ok',
      'ok',
      'address'
    ]);
    expect(book.connect('b', 0)).toBe('ok');
    expect(book.connect('c', 0)).toBe('total');
    book.disconnect('a');
    expect(book.connect('c', 0)).toBe('ok');
    expect([book.openPairing('a', 0), book.openPairing('a', 0)]).toEqual([true, false]);
    book.closePairing('a');
    expect(book.openPairing('a', 0)).toBe(true);
  });

  it('counts new offices per address for an hour', () => {
    const book = new AddressBook({ ...DEFAULT_GUARDS, maxOfficesPerAddressPerHour: 1 });
    expect([book.enrol('a', 0, 'office'), book.enrol('a', 1, 'office')]).toEqual([true, false]);
    expect(book.enrol('b', 1, 'office')).toBe(true);
    expect(book.enrol('a', 3_600_000, 'office')).toBe(true);
  });
});

describe('reject log', () => {
  it('logs the first refusals of a minute in full and counts the rest in one line', () => {
    const lines: { event: string; fields?: LogFields }[] = [];
    const rejects = new RejectLog((_level, event, fields) => lines.push({ event, fields }), 2);
    for (let i = 0; i < 5; i++) rejects.reject({ code: i % 2 ? 'malformed' : 'too-large' }, 1000);
    expect(lines).toHaveLength(2);
    rejects.flush(61_000);
    expect(lines[2]).toEqual({
      event: 'reject-suppressed',
      fields: { count: 3, 'code.too-large': 2, 'code.malformed': 1 }
    });
  });
});

describe('header depth', () => {
  it('is measured without recursion, however deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(depthExceeds(deep, 16)).toBe(true);
    expect(depthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(depthExceeds({ a: [{ b: [] }] }, 3)).toBe(true);
  });
});
