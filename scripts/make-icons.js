#!/usr/bin/env node
// Renders the app icons (PNG) from their SVG sources with the system Chromium. The PNGs are
// committed, so this runs only when the artwork changes: `node scripts/make-icons.js`.
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { chromiumPath } from './chromium-path.js';

const iconsDir = new URL('../static/icons/', import.meta.url);
const renders = [
  { source: 'favicon.svg', out: 'icon-192.png', size: 192 },
  { source: 'favicon.svg', out: 'icon-512.png', size: 512 },
  { source: 'maskable.svg', out: 'maskable-192.png', size: 192 },
  { source: 'maskable.svg', out: 'maskable-512.png', size: 512 },
  // iOS ignores the manifest's icons and rounds corners itself, so it gets the full-bleed art.
  { source: 'maskable.svg', out: 'apple-touch-icon.png', size: 180 }
];

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu']
});
try {
  const page = await browser.newPage();
  for (const { source, out, size } of renders) {
    const svg = await readFile(new URL(source, iconsDir), 'utf8');
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`
    );
    await page.screenshot({ path: new URL(out, iconsDir).pathname, omitBackground: true });
    console.log(`static/icons/${out} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
