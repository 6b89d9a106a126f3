/**
 * How a Yjs update travels in the op log: a version byte, the CRC-32 of the update, then the
 * update. Sync seals whole batches (AES-GCM), but an update can still be damaged on its way
 * (a bad file export, a storage fault, a bug on the sending device); a damaged update
 * applied to a Y.Doc may throw half-way or, worse, apply garbage. The checksum lets the
 * receiving device refuse it before it touches the document.
 */
const VERSION = 1;
const HEADER = 5;

const table = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function frameUpdate(update: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + update.length);
  out[0] = VERSION;
  new DataView(out.buffer).setUint32(1, crc32(update));
  out.set(update, HEADER);
  return out;
}

/** The update inside a frame, or null when the frame is damaged (wrong length, version or checksum). */
export function unframeUpdate(frame: Uint8Array): Uint8Array | null {
  if (frame.length <= HEADER || frame[0] !== VERSION) return null;
  const sum = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1);
  const update = frame.subarray(HEADER);
  return crc32(update) === sum ? update : null;
}
