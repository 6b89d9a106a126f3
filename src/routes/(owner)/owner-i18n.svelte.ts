/**
 * The owner pages' own tiny catalog: the staff `$lib/i18n` bundles every area's strings,
 * far too much for a phone opening one notice. The strings still live in
 * `$lib/i18n/locales/<locale>/owner.ts`, so `npm run i18n:check` covers them. Simplified
 * Chinese is bundled; Traditional Chinese and English load when a phone asks for them.
 */
import zhHans from '$lib/i18n/locales/zh-Hans/owner';
import { interpolate } from '$lib/i18n/translate';
import type { Locale, MessageParams, Messages } from '$lib/i18n/types';

const loaders: Record<Exclude<Locale, 'zh-Hans'>, () => Promise<{ default: Messages }>> = {
  'zh-Hant': () => import('$lib/i18n/locales/zh-Hant/owner'),
  en: () => import('$lib/i18n/locales/en/owner')
};

export const ownerLocales: { locale: Locale; label: string }[] = [
  { locale: 'zh-Hans', label: '简体' },
  { locale: 'zh-Hant', label: '繁體' },
  { locale: 'en', label: 'EN' }
];

class OwnerI18n {
  locale = $state<Locale>('zh-Hans');
  messages = $state.raw<Messages>(zhHans);
  #request = 0;

  /** Switches once the locale's strings are here; offline before they ever were, stays as it is. */
  async set(locale: Locale): Promise<void> {
    const request = ++this.#request;
    try {
      const messages = locale === 'zh-Hans' ? zhHans : (await loaders[locale]()).default;
      if (request !== this.#request) return;
      this.messages = messages;
      this.locale = locale;
    } catch {
      // keep the current language
    }
  }
}

export const ownerI18n = new OwnerI18n();

/** The phone's language, when it is one the pages have. */
export function phoneLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (/^zh-(hant|tw|hk|mo)/.test(l)) return 'zh-Hant';
    if (l.startsWith('zh')) return 'zh-Hans';
    if (l.startsWith('en')) return 'en';
  }
  return 'zh-Hans';
}

export function t(key: string, params?: MessageParams): string {
  const text = ownerI18n.messages[key] ?? (zhHans as Messages)[key] ?? key;
  return interpolate(text, params, ownerI18n.locale);
}
