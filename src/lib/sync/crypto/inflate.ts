import { concatBytes } from './bytes';

/** The inflated content is over the caller's bound: a "zip bomb", or not ours. */
class InflateTooLarge extends Error {}

/**
 * Raw DEFLATE (as fflate's deflateSync writes it) back to bytes, with the browser's own
 * DecompressionStream: native zlib, several times faster than inflating in JS (a large
 * catch-up inflates ~85 MiB), and read piece by piece so that the output stops at
 * `maxBytes`: a few kilobytes a stranger sends cannot become gigabytes in memory.
 * Throws on corrupt data, and InflateTooLarge past the bound.
 */
export async function inflateRaw(compressed: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  let stream: DecompressionStream | undefined;
  try {
    stream = new DecompressionStream('deflate-raw');
  } catch {
    stream = undefined; // an older WebView without 'deflate-raw'
  }
  if (!stream) {
    const { inflateBounded } = await import('./inflate-bounded');
    const out = inflateBounded(compressed, maxBytes);
    if (!out) throw new InflateTooLarge(`inflated over ${maxBytes} bytes`);
    return out;
  }
  const reader = new Blob([compressed as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new InflateTooLarge(`inflated over ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  return parts.length === 1 ? parts[0] : concatBytes(...parts);
}
