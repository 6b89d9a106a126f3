/**
 * The owner pages' own tiny catalog, for the prerendered html and the page scripts alike: the
 * staff `$lib/i18n` bundles every area's strings, far too much for a phone opening one notice.
 * The strings still live in `$lib/i18n/locales/<locale>/owner.ts`, so `npm run i18n:check`
 * covers them. Simplified Chinese is bundled and the default (notices are written in it); a
 * phone set to Traditional Chinese gets that, and English is one tap away — each loads only
 * when chosen.
 */
import zhHans from '$lib/i18n/locales/zh-Hans/owner';
import { interpolate } from '$lib/i18n/translate';
import type { Locale, MessageParams, Messages } from '$lib/i18n/types';

const loaders: Record<Exclude<Locale, 'zh-Hans'>, () => Promise<{ default: Messages }>> = {
  'zh-Hant': () => import('$lib/i18n/locales/zh-Hant/owner'),
  en: () => import('$lib/i18n/locales/en/owner')
};

export const ownerLocales: readonly { locale: Locale; label: string }[] = [
  { locale: 'zh-Hans', label: '简体' },
  { locale: 'zh-Hant', label: '繁體' },
  { locale: 'en', label: 'EN' }
];

/**
 * A page's own area of strings beside `owner` (the request form's `ownerForm`): added by the
 * page's script before the frame starts, so the notice page carries none of them.
 */
interface Area {
  zhHans: Messages;
  loaders: Record<Exclude<Locale, 'zh-Hans'>, () => Promise<{ default: Messages }>>;
}
const areas: Area[] = [];

let current: { locale: Locale; messages: Messages } = { locale: 'zh-Hans', messages: zhHans };

export function addOwnerArea(area: Area): void {
  areas.push(area);
  current = { ...current, messages: { ...current.messages, ...area.zhHans } };
}
let request = 0;

export function ownerLocale(): Locale {
  return current.locale;
}

/** Switches once the locale's strings are here; offline before they ever were, stays as it is. */
export async function setOwnerLocale(locale: Locale): Promise<boolean> {
  const mine = ++request;
  try {
    const messages =
      locale === 'zh-Hans'
        ? Object.assign({}, zhHans, ...areas.map((a) => a.zhHans))
        : Object.assign(
            {},
            ...(
              await Promise.all([loaders[locale](), ...areas.map((a) => a.loaders[locale]())])
            ).map((m) => m.default)
          );
    if (mine !== request) return false; // a later choice won
    current = { locale, messages };
    return true;
  } catch {
    return false; // keep the current language
  }
}

/** Traditional Chinese for a phone that prefers it; otherwise the default, Simplified Chinese. */
export function phoneLocale(languages: readonly string[]): Locale {
  const first = languages.find((lang) => lang.toLowerCase().startsWith('zh'))?.toLowerCase();
  return first && /^zh-(hant|tw|hk|mo)/.test(first) ? 'zh-Hant' : 'zh-Hans';
}

export function t(key: string, params?: MessageParams): string {
  const text =
    current.messages[key] ??
    (zhHans as Messages)[key] ??
    areas.find((a) => a.zhHans[key] !== undefined)?.zhHans[key] ??
    key;
  return interpolate(text, params, current.locale);
}
