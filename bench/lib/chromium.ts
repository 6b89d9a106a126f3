// The system Chromium (Playwright's own browser download is not used), with the flags every run shares.
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../scripts/chromium-path.js';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
] as const;

export function findChromium(): string {
  const path = chromiumPath();
  if (!path) throw new Error('No Chromium found: install one or set CHROME_PATH.');
  return path;
}

export async function launchChromium(path: string): Promise<Browser> {
  return chromium.launch({ executablePath: path, args: [...chromiumArgs] });
}

/** "156.0.8078.79" from the browser itself, or from `--version` if asked before launch. */
export function chromiumVersion(browser: Browser | undefined, path: string): string {
  if (browser) return browser.version();
  const out = execFileSync(path, ['--version'], { encoding: 'utf8' });
  return /(\d+\.\d+\.\d+\.\d+)/.exec(out)?.[1] ?? out.trim();
}
