// Raw DEFLATE inflated in JS, synchronously and within a bound: each packed chunk of a batch
// (seal.ts), and everything in a browser without DecompressionStream('deflate-raw'). A module
// of its own so that the owner page's lazy file holds fflate's inflate, not all of it.
import { Inflate } from 'fflate';
import { concatBytes } from './bytes';

/** DEFLATE's limit: a compressed byte inflates to at most ~1,032 bytes. */
const MAX_RATIO = 1032;
/**
 * Compressed bytes fed per step. Small steps cost more than the inflating (1 KiB: 64 MB/s,
 * 16 KiB: 220 MB/s in Node), so steps are as large as the room left under the bound allows:
 * a step never inflates to more than that room (or ~1 MiB), so the output held never passes
 * twice the bound.
 */
const MIN_STEP = 1024;
const MAX_STEP = 16 * 1024;

/**
 * Inflate `compressed`, stopping as soon as the output passes `maxBytes` (undefined then):
 * fed a step at a time, a bomb is refused after at most about the bound again, never held
 * whole. Throws on corrupt or truncated data.
 */
export function inflateBounded(compressed: Uint8Array, maxBytes: number): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size <= maxBytes) parts.push(chunk);
  });
  // The last step says `final`: fflate refuses a truncated stream then (an empty input has one step).
  let at = 0;
  do {
    const step = Math.min(MAX_STEP, Math.max(MIN_STEP, (maxBytes - size) / MAX_RATIO));
    const end = Math.min(at + Math.floor(step), compressed.length);
    inflate.push(compressed.subarray(at, end), end === compressed.length);
    if (size > maxBytes) return undefined;
    at = end;
  } while (at < compressed.length);
  return parts.length === 1 ? parts[0] : concatBytes(...parts);
}
