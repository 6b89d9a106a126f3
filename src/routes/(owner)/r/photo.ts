/**
 * A photo compressed on the phone before it is sealed (issue 16 §1): JPEG, longest side at
 * most 1280 px, quality lowered until it fits the relay's per-photo limit. A camera picture of
 * 4–8 MB becomes 150–350 KB: it goes out on a lobby's weak signal.
 */
import { MAX_PHOTO_BYTES } from '$lib/owner-inbox/payload';

const LONGEST = 1280;

export class PhotoError extends Error {
  constructor(readonly reason: 'unreadable' | 'tooLarge') {
    super(reason);
  }
}

async function decode(file: Blob): Promise<CanvasImageSource & { width: number; height: number }> {
  if ('createImageBitmap' in window) {
    try {
      return await createImageBitmap(file);
    } catch {
      // fall through to <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } catch {
    throw new PhotoError('unreadable');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function compressPhoto(file: Blob): Promise<Uint8Array> {
  if (!file.type.startsWith('image/')) throw new PhotoError('unreadable');
  const image = await decode(file);
  const scale = Math.min(1, LONGEST / Math.max(image.width, image.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.width * scale));
  canvas.height = Math.max(1, Math.round(image.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoError('unreadable');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.8, 0.65, 0.5, 0.35]) {
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', quality)
    );
    if (!blob) throw new PhotoError('unreadable');
    if (blob.size <= MAX_PHOTO_BYTES) return new Uint8Array(await blob.arrayBuffer());
  }
  throw new PhotoError('tooLarge');
}
