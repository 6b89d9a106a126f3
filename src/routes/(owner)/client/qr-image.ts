/**
 * The QR code of the page's own link, as a PNG <img> (the same drawing as $lib/ui/qr-code.svelte,
 * which the owner pages cannot import: no Svelte runtime there). Loaded only when asked for.
 */
import { encode } from 'uqr';

/** Pixels per module: sharp when printed at a few centimetres. */
const SCALE = 8;

export function qrImage(value: string, label: string, size: number): HTMLImageElement {
  // Long links need the lowest error correction to stay scannable; short ones can afford M.
  const qr = encode(value, { ecc: value.length > 600 ? 'L' : 'M', border: 4 });
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = qr.size * SCALE;
  const context = canvas.getContext('2d');
  const image = document.createElement('img');
  image.alt = label;
  image.width = image.height = size;
  image.dataset.qr = value;
  if (!context) return image;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) context.fillRect(x * SCALE, y * SCALE, SCALE, SCALE);
    })
  );
  image.src = canvas.toDataURL('image/png');
  return image;
}
