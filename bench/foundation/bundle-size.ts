// The JavaScript a page really loads: open it in Chromium and gzip every JS response it received,
// and every script written inline in its HTML (the owner page carries its script inline: no JS
// response, but its bytes cross the line all the same).
// Service workers are blocked so that precaching (which fetches every chunk of the app) is not
// counted as the page's own cost.
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { detectMarker, watchMarkers } from './ready-marker.ts';

export interface PageJs {
  /** Sum of gzip sizes, in KB (1 KB = 1024 bytes). */
  kbGz: number;
  /** Sum of raw sizes, in KB. */
  kbRaw: number;
  files: { url: string; bytes: number; bytesGz: number }[];
}

function isJs(response: Response): boolean {
  const type = response.headers()['content-type'] ?? '';
  return (
    /javascript|ecmascript/.test(type) || /\.m?js(\?|$)/.test(new URL(response.url()).pathname)
  );
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1])
    .filter((text) => text.trim());
}

export async function measurePageJs(browser: Browser, url: string): Promise<PageJs> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await watchMarkers(context);
  const bodies = new Map<string, Promise<Buffer>>();
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.ok() && isJs(response) && !bodies.has(response.url())) {
      bodies.set(response.url(), response.body());
    }
  });
  try {
    const first = await page.goto(url, { waitUntil: 'load' });
    if (!first?.ok()) throw new Error(`${url} answered ${first?.status()}`);
    const html = (await first.body()).toString('utf8');
    await detectMarker(page, 5_000);
    // Lazy chunks the first screen pulls in right after start count too.
    await page.waitForLoadState('networkidle');
    const files: PageJs['files'] = [];
    for (const [fileUrl, body] of bodies) {
      const buffer = await body;
      // Default zlib level (6): what Vite reports and what a typical server sends.
      files.push({ url: fileUrl, bytes: buffer.length, bytesGz: gzipSync(buffer).length });
    }
    for (const [i, script] of inlineScripts(html).entries()) {
      const buffer = Buffer.from(script);
      files.push({
        url: `${url} inline #${i + 1}`,
        bytes: buffer.length,
        bytesGz: gzipSync(buffer).length
      });
    }
    const sum = (pick: (f: PageJs['files'][number]) => number) =>
      files.reduce((total, f) => total + pick(f), 0) / 1024;
    return { kbGz: sum((f) => f.bytesGz), kbRaw: sum((f) => f.bytes), files };
  } finally {
    await context.close();
  }
}
