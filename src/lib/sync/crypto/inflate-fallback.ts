// Raw DEFLATE for a browser without DecompressionStream('deflate-raw'), loaded only there: a
// module of its own so that the owner page's lazy file holds fflate's inflate, not all of it.
import { Inflate } from 'fflate';
import { concatBytes } from './bytes';

/** Compressed bytes fed per step: one step inflates to at most ~1,032 × this (DEFLATE's limit). */
const STEP_BYTES = 1024;

/**
 * Inflate `compressed`, stopping as soon as the output passes `maxBytes` (undefined then):
 * fed a kilobyte at a time, a bomb is refused after a megabyte or so of output, never held
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
    const end = Math.min(at + STEP_BYTES, compressed.length);
    inflate.push(compressed.subarray(at, end), end === compressed.length);
    if (size > maxBytes) return undefined;
    at = end;
  } while (at < compressed.length);
  return parts.length === 1 ? parts[0] : concatBytes(...parts);
}
