import { isLocale, type Locale } from './types';

/** The language is a choice of the device, not of the staff member (DESIGN.md: shared tablets). */
export const localeStorageKey = 'guanjia.locale';

export function readStoredLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(localeStorageKey);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be blocked (private mode, policies); the default language still works.
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(localeStorageKey, locale);
  } catch {
    // Not remembered on this device; the switch still applies to this session.
  }
}
