#!/usr/bin/env node
// After `vite build`, before the service worker is built: gives every page of the build a
// Content-Security-Policy (issue 13). Scripts run only from the app's own origin or, inline, by
// the hash of their exact text (SvelteKit's start-up script, the owner page's script); no
// eval, no inline event handlers, no `javascript:` URLs, no plugins. The policy goes into each
// page as <meta http-equiv> (any static host); scripts/serve.js sends the same policy (computed
// by `policyFor` from the page) as a header, with what a <meta> cannot carry (frame-ancestors).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a page may load, besides its own inline scripts by hash. */
const BASE = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Svelte writes component styles and style attributes inline; styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:'],
  // The office's relay lives wherever the office runs it (LAN http/ws, internet https/wss);
  // owner pages fetch a short link's ciphertext from it.
  'connect-src': ["'self'", 'http:', 'https:', 'ws:', 'wss:'],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"]
};

/** Headers a host must add: a <meta> policy cannot forbid framing (README "Deploy"). */
export const HEADER_ONLY = "frame-ancestors 'none'";

/**
 * Inline scripts that run (not JSON data blocks), with their exact text.
 * @param {string} html
 * @returns {string[]}
 */
function inlineScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    if (/\bsrc\s*=/.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript') continue;
    scripts.push(match[2]);
  }
  return scripts;
}

/** @param {string} html */
export function policyFor(html) {
  const hashes = inlineScripts(html).map(
    (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
  );
  const directives = { ...BASE, 'script-src': [...BASE['script-src'], ...new Set(hashes)] };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** @param {string} dir */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function main() {
  const dir = 'build'; // where `vite build` writes (GUANJIA_BUILD_DIR names copies of it)
  let pages = 0;
  for (const file of htmlFiles(dir)) {
    let html = readFileSync(file, 'utf8').replace(
      /<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i,
      ''
    );
    const policy = policyFor(html);
    // First thing in <head> after the charset: the policy must precede every script.
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
    html = /<meta charset[^>]*>/i.test(html)
      ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`)
      : html.replace(/<head>/i, `<head>\n    ${meta}`);
    writeFileSync(file, html);
    pages++;
  }
  console.log(`csp: ${pages} pages given a policy`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
