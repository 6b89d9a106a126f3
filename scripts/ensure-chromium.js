#!/usr/bin/env node
// Makes sure a Chromium exists before the browser tests or benchmarks run: `npm test` must pass
// right after `npm ci` on a fresh Debian machine, where Playwright cannot download its own browser.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.js';

const found = chromiumPath();
if (found) {
  console.log(`Chromium: ${found}`);
  process.exit(0);
}

if (process.env.CHROME_PATH) {
  console.error(
    `CHROME_PATH is set to ${process.env.CHROME_PATH}, but no executable is there.\n` +
      'Point CHROME_PATH at a Chromium or Chrome binary, or unset it to use the system one.'
  );
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');

if (isRoot && hasApt) {
  console.log('No Chromium found: installing Debian’s chromium package with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env
    });
  } catch {
    console.error('apt-get could not install chromium.');
    process.exit(1);
  }
  const installed = chromiumPath();
  if (installed) {
    console.log(`Chromium: ${installed}`);
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
