// Helpers for the notices browser tests: dates in the office's week, and the images inside a
// PDF printed by Chromium (Skia writes each picture as a FlateDecode image XObject).
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
// chinese-days' own function: the app's calendar module imports JSON, which the test loader cannot.
import chineseDays from 'chinese-days';

const isWorkingDay = (date: string): boolean => chineseDays.isWorkday(date);

const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A weekend at least a week ahead whose Friday and Monday are working days and whose Saturday
 * and Sunday are rest days, so the pest-control rules see an ordinary week.
 */
export function ordinaryWeekend(now = Date.now()): {
  friday: string;
  saturday: string;
  sunday: string;
  monday: string;
} {
  for (let ms = now + 8 * DAY; ; ms += DAY) {
    const saturday = isoDay(ms);
    if (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) continue;
    const base = Date.parse(`${saturday}T00:00:00Z`);
    const at = (days: number) => new Date(base + days * DAY).toISOString().slice(0, 10);
    const week = { friday: at(-1), saturday, sunday: at(1), monday: at(2) };
    if (
      isWorkingDay(week.friday) &&
      isWorkingDay(week.monday) &&
      !isWorkingDay(week.saturday) &&
      !isWorkingDay(week.sunday)
    )
      return week;
  }
}

export interface PdfImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  rgba: Uint8ClampedArray;
}

/** The images of a PDF (RGB or grey, 8 bits, FlateDecode), decoded to RGBA. */
export function pdfImages(pdf: Buffer): PdfImage[] {
  const text = pdf.toString('latin1');
  const images: PdfImage[] = [];
  const header = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>)*)>>\s*stream\r?\n/g;
  for (const match of text.matchAll(header)) {
    const dict = match[1];
    if (!/\/Subtype\s*\/Image/.test(dict) || !/\/FlateDecode/.test(dict)) continue;
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1]);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1]);
    const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1]);
    if (!width || !height || !length || /\/BitsPerComponent\s+(?!8)/.test(dict)) continue;
    const start = (match.index ?? 0) + match[0].length;
    const raw = inflateSync(pdf.subarray(start, start + length));
    const channels = raw.length / (width * height);
    if (channels !== 1 && channels !== 3) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      const r = raw[i * channels];
      rgba[i * 4] = r;
      rgba[i * 4 + 1] = channels === 3 ? raw[i * 3 + 1] : r;
      rgba[i * 4 + 2] = channels === 3 ? raw[i * 3 + 2] : r;
      rgba[i * 4 + 3] = 255;
    }
    images.push({ width, height, rgba });
  }
  return images;
}

export function decodeQr(image: PdfImage): string | undefined {
  return jsQR(image.rgba, image.width, image.height)?.data;
}

/** Share of the image's pixels that are clearly red (a stamp's ink). */
export function redShare(image: PdfImage): number {
  let red = 0;
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) {
    const [r, g, b] = [image.rgba[i * 4], image.rgba[i * 4 + 1], image.rgba[i * 4 + 2]];
    if (r > 150 && g < 90 && b < 90) red++;
  }
  return red / pixels;
}

/** Varied Chinese text of a given length: repeated text would compress into a short link. */
export function longChineseText(length: number): string {
  const words =
    '业主您好小区物业服务中心停水停电消杀施工活动通知电梯维修保养安全消防绿化保洁车位门禁'.split(
      ''
    );
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += words[(i * 7 + (i >> 3)) % words.length];
    if (i % 37 === 36) out += '。';
    if (i % 11 === 10) out += String.fromCharCode(0x4e00 + ((i * 7919) % 5000));
  }
  return out.slice(0, length);
}
