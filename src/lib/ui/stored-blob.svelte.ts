import { untrack } from 'svelte';
import { getBlob } from '$lib/db/blobs';
import type { StoredBlob } from '$lib/db/database';
import { live } from '$lib/db/live.svelte';
import { blobWants, requestBlob, type BlobWant } from '$lib/sync/blob-wants.svelte';

export interface StoredBlobView {
  /** The blob once this device holds it (follows it as it arrives). */
  readonly current: StoredBlob | undefined;
  /** Looked up and not here: being fetched, or failed. */
  readonly missing: boolean;
  /** How the fetch goes while missing: `fetching` or `failed` (then offer `retry`). */
  readonly want: BlobWant | undefined;
  retry(): void;
}

/**
 * An attachment by its hash, for a screen: reads it from this device and, when the device
 * does not hold it yet, asks the sync to fetch it from another tablet or the relay (once;
 * `retry` asks again). Call during component setup.
 */
export function storedBlob(hash: () => string | undefined): StoredBlobView {
  const stored = $derived.by(() => {
    const h = hash();
    return h ? live(() => getBlob(h)) : undefined;
  });
  const missing = $derived(stored !== undefined && !stored.loading && !stored.current);
  $effect(() => {
    const h = hash();
    // Requested once per hash shown; a failure waits for `retry` (no loop through blobWants).
    if (h && missing) untrack(() => requestBlob(h));
  });
  return {
    get current() {
      return stored?.current;
    },
    get missing() {
      return missing;
    },
    get want() {
      const h = hash();
      return h ? blobWants.get(h) : undefined;
    },
    retry() {
      const h = hash();
      if (h) requestBlob(h);
    }
  };
}

/** An object URL for an <img> of a stored blob (revoked when it changes or the screen goes). */
export function blobSrc(
  hash: () => string | undefined
): StoredBlobView & { readonly url: string | undefined } {
  const blob = storedBlob(hash);
  let url = $state<string>();
  $effect(() => {
    const current = blob.current;
    if (!current) return;
    const made = URL.createObjectURL(new Blob([current.bytes as BlobPart], { type: current.type }));
    url = made;
    return () => {
      URL.revokeObjectURL(made);
      url = undefined;
    };
  });
  return {
    get current() {
      return blob.current;
    },
    get missing() {
      return blob.missing;
    },
    get want() {
      return blob.want;
    },
    retry: () => blob.retry(),
    get url() {
      return url;
    }
  };
}
