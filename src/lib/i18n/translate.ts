import { formatNumber } from './format';
import type { Locale, MessageParams, Messages } from './types';

const placeholder = /\{(\w+)\}/g;

/**
 * Fills `{name}` placeholders. A placeholder without a value stays visible as `{name}`
 * so a forgotten parameter shows up on screen instead of silently vanishing.
 */
export function interpolate(
  template: string,
  params: MessageParams | undefined,
  locale: Locale
): string {
  if (!params) return template;
  return template.replace(placeholder, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

export interface Catalog {
  locale: Locale;
  messages: Messages;
  /** The default locale's messages, used when `messages` lacks a key. */
  fallback: Messages;
}

/**
 * Looks a key up in the locale, then in the default locale, then gives the key itself
 * back (after telling `onMissing`), so a screen never shows an empty label.
 */
export function translate(
  catalog: Catalog,
  key: string,
  params?: MessageParams,
  onMissing?: (key: string, locale: Locale) => void
): string {
  const own = catalog.messages[key];
  if (own !== undefined) return interpolate(own, params, catalog.locale);
  onMissing?.(key, catalog.locale);
  const fallback = catalog.fallback[key];
  if (fallback !== undefined) return interpolate(fallback, params, catalog.locale);
  return key;
}

/** The `{name}` placeholders a message uses, for the catalog check. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]).sort();
}

// Plain, not reactive: it only keeps the console quiet after the first warning per key.
const warned = new Set<string>();

/** In development, says once per key and locale that a message is missing. */
export function warnMissing(key: string, locale: Locale): void {
  if (!import.meta.env.DEV || warned.has(`${locale}|${key}`)) return;
  warned.add(`${locale}|${key}`);
  console.warn(`[i18n] missing message "${key}" in ${locale}`);
}
