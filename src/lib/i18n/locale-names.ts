import type { Locale } from './types';

/**
 * Each language named in itself, never translated: someone who cannot read the current
 * language must still find their own in the switch.
 */
export const localeNames: Record<Locale, string> = {
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English'
};
