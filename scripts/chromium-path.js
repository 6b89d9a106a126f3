#!/usr/bin/env node
// Where the system Chromium is. Playwright's own browser download is not used: browser tests and
// benchmarks drive the Chromium of the machine (Debian's `chromium` package, or CHROME_PATH).
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const knownChromiumPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable'
];

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: $CHROME_PATH when set (and executable), else the first of the usual
 * system paths; `undefined` when there is none.
 * @returns {string | undefined}
 */
export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  return knownChromiumPaths.find(isExecutable);
}

const invokedDirectly =
  process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const path = chromiumPath();
  if (!path) process.exit(1);
  console.log(path);
}
