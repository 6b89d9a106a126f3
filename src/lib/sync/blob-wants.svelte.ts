import { SvelteMap } from 'svelte/reactivity';

/**
 * The screens' side of fetching attachments, kept apart from the sync engine so that a
 * screen showing a photo does not load it: a photo missing on this device is requested
 * here, and the running sync (service.ts) registers the fetcher that goes and gets it.
 */
export type BlobWant = 'fetching' | 'failed';

/** Blobs asked for by a screen and not (yet) here: what the image shows in their place. */
export const blobWants = new SvelteMap<string, BlobWant>();

type Fetcher = (hash: string) => Promise<boolean>;
let fetcher: Fetcher | undefined;
let fetcherArrived: (() => void)[] = [];

/** How long a request waits for the sync to start (a tablet just opened) before it fails. */
const FETCHER_WAIT_MS = 10_000;

export function setBlobFetcher(next: Fetcher | undefined): void {
  fetcher = next;
  if (!next) return;
  for (const arrived of fetcherArrived) arrived();
  fetcherArrived = [];
}

function waitForFetcher(): Promise<Fetcher | undefined> {
  if (fetcher) return Promise.resolve(fetcher);
  return new Promise((resolve) => {
    const arrived = (): void => {
      clearTimeout(timer);
      resolve(fetcher);
    };
    const timer = setTimeout(() => {
      fetcherArrived = fetcherArrived.filter((a) => a !== arrived);
      resolve(undefined);
    }, FETCHER_WAIT_MS);
    fetcherArrived.push(arrived);
  });
}

/** Ask the sync for blob `hash` (once at a time); `blobWants` follows how it goes. */
export function requestBlob(hash: string): void {
  if (blobWants.get(hash) === 'fetching') return;
  blobWants.set(hash, 'fetching');
  void (async () => {
    const fetch = await waitForFetcher();
    const stored = fetch ? await fetch(hash).catch(() => false) : false;
    if (stored) blobWants.delete(hash);
    else blobWants.set(hash, 'failed');
  })();
}
