#!/usr/bin/env node
// Makes sure a Chromium and a Chinese font exist before the browser tests or benchmarks run:
// `npm test` must pass right after `npm ci` on a fresh Debian machine, where Playwright cannot
// download its own browser. (WenQuanYi Zen Hei: Noto CJK's PDFs read back some characters as
// Kangxi radicals, 用 as ⽤, so a test reading a printed form would not find its words.)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

/** Whether a font for Simplified Chinese is installed (fontconfig comes with Chromium). */
function hasChineseFont() {
  try {
    return execFileSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

// The printed forms and the PDF the tests read are in Chinese: without a CJK font Chromium
// prints boxes and the text cannot be read back. Debian's chromium does not bring one.
function ensureChineseFont() {
  if (hasChineseFont()) return;
  // Elsewhere (no fontconfig, not root) only said: the system may well have one.
  if (!isRoot || !hasApt) {
    console.warn(
      'No Chinese font found by fontconfig: the printed forms may show boxes and the tests\n' +
        'that read them fail. Debian/Ubuntu: `sudo apt-get install fonts-wqy-zenhei`.'
    );
    return;
  }
  console.log('No Chinese font found: installing Debian’s fonts-wqy-zenhei with apt-get…');
  if (!aptInstall('fonts-wqy-zenhei')) process.exit(1);
}

/** apt-get install one package (after an update); false, said, when it could not. */
function aptInstall(name) {
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', name], {
      stdio: 'inherit',
      env: aptEnv
    });
    return true;
  } catch {
    console.error(`apt-get could not install ${name}.`);
    return false;
  }
}

const found = chromiumPath();
if (found) {
  console.log(`Chromium: ${found}`);
  ensureChineseFont();
  process.exit(0);
}

if (process.env.CHROME_PATH) {
  console.error(
    `CHROME_PATH is set to ${process.env.CHROME_PATH}, but no executable is there.\n` +
      'Point CHROME_PATH at a Chromium or Chrome binary, or unset it to use the system one.'
  );
  process.exit(1);
}

if (isRoot && hasApt) {
  console.log('No Chromium found: installing Debian’s chromium package with apt-get…');
  if (!aptInstall('chromium')) process.exit(1);
  const installed = chromiumPath();
  if (installed) {
    console.log(`Chromium: ${installed}`);
    ensureChineseFont();
    process.exit(0);
  }
  console.error('apt-get finished, but no Chromium is at the usual paths.');
  process.exit(1);
}

console.error(
  'No Chromium found for the browser tests.\n' +
    'Install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere Chromium or Google Chrome),\n' +
    'or set CHROME_PATH to the browser binary, e.g. CHROME_PATH=/path/to/chrome npm test.\n' +
    'Looked in: $CHROME_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome(-stable).'
);
process.exit(1);
