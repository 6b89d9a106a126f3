import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RelayStore } from './store';

const ID = (c: string) => c.repeat(64);

function storeWithOffices(quota = 1000): RelayStore {
  const store = new RelayStore(mkdtempSync(join(tmpdir(), 'guanjia-office-blobs-')), quota);
  store.enrol('officeAAAA', new Uint8Array(32), 'deviceAAAA', new Uint8Array(32), 0);
  store.enrol('officeBBBB', new Uint8Array(32), 'deviceBBBB', new Uint8Array(32), 0);
  return store;
}

describe('office blobs at the relay', () => {
  it('keeps a piece per office, answers only that office, and stores a second upload once', () => {
    const store = storeWithOffices();
    const blobs = store.officeBlobs;
    expect(blobs.put('officeAAAA', ID('a'), new Uint8Array([1, 2, 3]), 1)).toEqual({
      ok: true,
      stored: true
    });
    expect(blobs.put('officeAAAA', ID('a'), new Uint8Array([9, 9, 9]), 2)).toEqual({
      ok: true,
      stored: false
    });
    expect([...(blobs.get('officeAAAA', ID('a')) ?? [])]).toEqual([1, 2, 3]);
    expect(blobs.get('officeBBBB', ID('a'))).toBeUndefined();
    expect(blobs.missing('officeAAAA', [ID('a'), ID('b')])).toEqual([ID('b')]);
    expect(blobs.missing('officeBBBB', [ID('a')])).toEqual([ID('a')]);
    expect(store.office('officeAAAA')?.bytes).toBe(3);
    store.close();
  });

  it('counts pieces in the office quota and refuses what would exceed it', () => {
    const store = storeWithOffices(10);
    const blobs = store.officeBlobs;
    expect(blobs.put('officeAAAA', ID('a'), new Uint8Array(8), 1).ok).toBe(true);
    const refused = blobs.put('officeAAAA', ID('b'), new Uint8Array(8), 1);
    expect(refused).toMatchObject({ ok: false, code: 'quota-exceeded' });
    expect(blobs.usage('officeAAAA')).toEqual({ pieces: 1, bytes: 8 });
    expect(blobs.put('officeBBBB', ID('b'), new Uint8Array(8), 1).ok).toBe(true);
    store.close();
  });

  it('survives a restart (no expiry)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-office-blobs-'));
    const first = new RelayStore(dir, 1000);
    first.enrol('officeAAAA', new Uint8Array(32), 'deviceAAAA', new Uint8Array(32), 0);
    first.officeBlobs.put('officeAAAA', ID('c'), new Uint8Array([7]), 1);
    first.purgeExpiredBlobs(Number.MAX_SAFE_INTEGER);
    first.close();
    const again = new RelayStore(dir, 1000);
    expect([...(again.officeBlobs.get('officeAAAA', ID('c')) ?? [])]).toEqual([7]);
    again.close();
  });
});
