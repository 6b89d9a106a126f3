/**
 * The rules of the message catalog (team rule: every key in all three locales), as a pure
 * function over what `read-catalog.ts` found, so it is tested without touching files.
 */
import { placeholdersOf } from '../translate';
import { defaultLocale, locales, type Locale } from '../types';

/** locale → area (file name without .ts) → key → value as found (not yet known to be a string). */
export type FoundCatalog = Record<string, Record<string, Record<string, unknown>>>;

/** A `t('key')` (or `labelKey: 'key'`) written in a source file. */
export interface KeyUse {
  key: string;
  file: string;
  line: number;
}

export interface Problem {
  kind:
    | 'unknown-locale'
    | 'missing-area'
    | 'missing-key'
    | 'empty-message'
    | 'not-text'
    | 'duplicate-key'
    | 'placeholders-differ'
    | 'source-reference'
    | 'unknown-key';
  message: string;
}

export function findProblems(catalog: FoundCatalog, uses: KeyUse[]): Problem[] {
  const problems: Problem[] = [];
  const known = locales.filter((l) => catalog[l]);

  for (const locale of Object.keys(catalog)) {
    if (!(locales as readonly string[]).includes(locale)) {
      problems.push({
        kind: 'unknown-locale',
        message: `locales/${locale}: not one of ${locales.join(', ')}`
      });
    }
  }

  const areas = new Set(known.flatMap((l) => Object.keys(catalog[l])));
  for (const area of [...areas].sort()) {
    for (const locale of locales) {
      if (!catalog[locale]?.[area]) {
        problems.push({ kind: 'missing-area', message: `locales/${locale}/${area}.ts is missing` });
      }
    }
    // Every key any locale has, so a key added only in en is as visible as one missing in en.
    const keys = new Set(known.flatMap((l) => Object.keys(catalog[l][area] ?? {})));
    for (const key of [...keys].sort()) {
      const present = locales.filter((l) => catalog[l]?.[area] && key in catalog[l][area]);
      const absent = locales.filter((l) => catalog[l]?.[area] && !(key in catalog[l][area]));
      if (absent.length) {
        problems.push({
          kind: 'missing-key',
          message: `"${key}" is in ${present.join(', ')} but missing in ${absent.join(', ')} (${area}.ts)`
        });
      }
      checkValues(area, key, present, catalog, problems);
    }
  }

  // Area files merge into one map per locale, so a key in two files would silently lose one text.
  for (const locale of known) {
    const seen = new Map<string, string>();
    for (const area of Object.keys(catalog[locale]).sort()) {
      for (const key of Object.keys(catalog[locale][area])) {
        const first = seen.get(key);
        if (first) {
          problems.push({
            kind: 'duplicate-key',
            message: `"${key}" is in both ${locale}/${first}.ts and ${locale}/${area}.ts`
          });
        } else seen.set(key, area);
      }
    }
  }

  const defined = new Set(
    Object.values(catalog[defaultLocale] ?? {}).flatMap((area) => Object.keys(area))
  );
  for (const use of uses) {
    if (!defined.has(use.key)) {
      problems.push({
        kind: 'unknown-key',
        message: `${use.file}:${use.line}: "${use.key}" has no message in ${defaultLocale}`
      });
    }
  }
  return problems;
}

function checkValues(
  area: string,
  key: string,
  present: Locale[],
  catalog: FoundCatalog,
  problems: Problem[]
): void {
  let reference: { locale: Locale; placeholders: string } | null = null;
  for (const locale of present) {
    const value = catalog[locale][area][key];
    if (typeof value !== 'string') {
      problems.push({
        kind: 'not-text',
        message: `"${key}" in ${locale}/${area}.ts is not a string`
      });
      continue;
    }
    if (value.trim() === '') {
      problems.push({
        kind: 'empty-message',
        message: `"${key}" in ${locale}/${area}.ts is empty`
      });
      continue;
    }
    // Sources of a rule ("001 §4.2", "（004）", a digest) belong in code comments and docs,
    // not in the office's screens (issue 20).
    const source = sourceReference(value);
    if (source) {
      problems.push({
        kind: 'source-reference',
        message: `"${key}" in ${locale}/${area}.ts shows a source reference "${source}": keep it in a code comment`
      });
    }
    // A translation that drops {name} silently loses information on screen.
    const placeholders = placeholdersOf(value).join(',');
    if (!reference) reference = { locale, placeholders };
    else if (reference.placeholders !== placeholders) {
      problems.push({
        kind: 'placeholders-differ',
        message: `"${key}": placeholders {${reference.placeholders}} in ${reference.locale} but {${placeholders}} in ${locale}`
      });
    }
  }
}

/**
 * A manual's section ("003 §3.9", "§4"), a seed document's number in brackets or before a
 * colon ("（004）", "(002)", "004："), or a hash algorithm's name: what a source reference
 * looks like in a message. Numbers that are data ("5,000 户", "{n} 件") do not match.
 */
export function sourceReference(value: string): string | undefined {
  const match =
    /§\s*[\d.]*/.exec(value) ??
    /[（(]\s*00\d(?:\s*[§：:][^）)]*)?[）)]/.exec(value) ??
    /(?<![\d,.])00\d\s*[：:]/.exec(value) ??
    /\bSHA-?(?:1|256|512)\b/i.exec(value);
  return match?.[0];
}
