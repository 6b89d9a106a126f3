import type { Random } from './random';

function fill(r: Random, bytes: Uint8Array, from: number): void {
  for (let i = from; i < 16; i += 4) {
    const n = r.uint32();
    bytes[i] = n >>> 24;
    bytes[i + 1] = (n >>> 16) & 255;
    bytes[i + 2] = (n >>> 8) & 255;
    bytes[i + 3] = n & 255;
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** One buffer for all ids: the large office draws 230,000 of them. */
const scratch = new Uint8Array(16);

function format(bytes: Uint8Array): string {
  const h = (from: number, to: number) => {
    let text = '';
    for (let i = from; i < to; i++) text += HEX[bytes[i]];
    return text;
  };
  return `${h(0, 4)}-${h(4, 6)}-${h(6, 8)}-${h(8, 10)}-${h(10, 16)}`;
}

/**
 * An id shaped like the app's own (UUID v7: ms then random bits) but drawn from the seed,
 * so loading the demo twice meets the same ids and adds nothing. `ms` is when the thing
 * happened, so requests and their events sort by time like real ones.
 */
export function demoTimeId(r: Random, ms: number): string {
  const bytes = scratch;
  let rest = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  const n = r.uint32();
  bytes[6] = 0x70 | ((n >>> 24) & 0x0f);
  bytes[7] = (n >>> 16) & 255;
  const m = r.uint32();
  bytes[8] = 0x80 | ((m >>> 24) & 0x3f);
  bytes[9] = (m >>> 16) & 255;
  bytes[10] = (m >>> 8) & 255;
  bytes[11] = m & 255;
  fill(r, bytes, 12);
  return format(bytes);
}

/**
 * An id for the registry (communities, units, people): UUID v4 from the seed. It carries
 * no time, because the registry's ids must not change with the day the demo is loaded.
 */
export function demoId(r: Random): string {
  const bytes = scratch;
  fill(r, bytes, 0);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes);
}
