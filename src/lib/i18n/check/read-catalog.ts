/**
 * Reads the message files and the sources that use them, for `scripts/check-i18n.ts`.
 * Node only: never imported by the app.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FoundCatalog, KeyUse } from './find-problems';

/** Imports each `locales/<locale>/<area>.ts` (run under tsx or vitest, which load TypeScript). */
export async function readCatalog(localesDir: string): Promise<FoundCatalog> {
  const catalog: FoundCatalog = {};
  for (const locale of await subdirectories(localesDir)) {
    catalog[locale] = {};
    const files = (await readdir(join(localesDir, locale))).filter((f) => f.endsWith('.ts')).sort();
    await Promise.all(
      files.map(async (file) => {
        const module = (await import(pathToFileURL(join(localesDir, locale, file)).href)) as {
          default?: unknown;
        };
        const messages = module.default;
        catalog[locale][file.slice(0, -3)] =
          messages && typeof messages === 'object' ? (messages as Record<string, unknown>) : {};
      })
    );
  }
  return catalog;
}

async function subdirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

// t('area.key'), i18n.t("area.key"), t(`area.key`) without ${}: the literal keys a screen asks for.
const tCall = /(?<![\w$])t\(\s*(['"`])([\w.-]+)\1\s*[,)]/g;
// Keys handed to components, e.g. nav items `{ href: '/tickets', labelKey: 'shell.nav.tickets' }`.
const keyProperty =
  /\b(?:label|title|message|hint|description|text)Key\s*[:=]\s*(['"`])([\w.-]+)\1/g;

// Comments (which may quote a call as an example) are blanked, keeping line breaks for line numbers.
// A `//` right after a non-space (https://…) is not taken for a comment.
const comment = /\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->|(?<=^|\s)\/\/.*$/gm;

/** Literal message keys used in a source text, with line numbers. */
export function findKeyUses(source: string, file: string): KeyUse[] {
  const text = source.replace(comment, (c) => c.replace(/[^\n]/g, ' '));
  const uses: KeyUse[] = [];
  for (const pattern of [tCall, keyProperty]) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      uses.push({ key: match[2], file, line });
    }
  }
  return uses;
}

const sourceFile = /\.(ts|js|svelte)$/;
// Tests call t() with keys that must NOT exist, to check what users see for a missing one.
const skipped = /\.(test|spec)\.ts$|\.d\.ts$/;

/** Every literal key used under `srcDir`, except in the message files and tests. */
export async function readKeyUses(
  srcDir: string,
  localesDir: string,
  root: string
): Promise<KeyUse[]> {
  const uses: KeyUse[] = [];
  const entries = await readdir(srcDir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      if (!entry.isFile() || !sourceFile.test(entry.name) || skipped.test(entry.name)) return;
      const path = join(entry.parentPath, entry.name);
      if (path.startsWith(localesDir)) return;
      uses.push(...findKeyUses(await readFile(path, 'utf8'), relative(root, path)));
    })
  );
  return uses.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
