import { describe, expect, it } from 'vitest';
import { blobWants, requestBlob, setBlobFetcher } from './blob-wants.svelte';

const settled = () => new Promise((r) => setTimeout(r, 0));

describe('a screen asking for a missing photo', () => {
  it('shows fetching, then nothing (it is stored) or failed; asks once at a time', async () => {
    const asked: string[] = [];
    let answer = false;
    setBlobFetcher(async (hash) => {
      asked.push(hash);
      return answer;
    });
    requestBlob('a'.repeat(64));
    requestBlob('a'.repeat(64));
    expect(blobWants.get('a'.repeat(64))).toBe('fetching');
    await settled();
    expect(asked).toHaveLength(1);
    expect(blobWants.get('a'.repeat(64))).toBe('failed');
    answer = true;
    requestBlob('a'.repeat(64)); // the retry button
    await settled();
    expect(blobWants.has('a'.repeat(64))).toBe(false);
    setBlobFetcher(undefined);
  });

  it('waits for the sync to start before asking', async () => {
    setBlobFetcher(undefined);
    requestBlob('b'.repeat(64));
    await settled();
    expect(blobWants.get('b'.repeat(64))).toBe('fetching');
    setBlobFetcher(async () => true);
    await settled();
    expect(blobWants.has('b'.repeat(64))).toBe(false);
    setBlobFetcher(undefined);
  });
});
