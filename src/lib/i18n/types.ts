/** The locales the desk can be shown in; zh-Hans is the default (DESIGN.md "Conventions"). */
export const locales = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Shown on first start and used for any message a lazily loaded locale lacks. */
export const defaultLocale: Locale = 'zh-Hans';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** One area's messages: flat, namespaced keys (`setup.office.name`) to text with `{name}` placeholders. */
export type Messages = Record<string, string>;

/** Values for `{name}` placeholders; numbers are formatted for the locale. */
export type MessageParams = Record<string, string | number>;
