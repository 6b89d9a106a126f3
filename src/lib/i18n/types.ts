/** The locales the desk can be shown in; zh-Hans is the default (DESIGN.md "Conventions"). */
export const locales = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof locales)[number];

/** One area's messages: flat, namespaced keys (`setup.office.name`) to text with `{name}` placeholders. */
export type Messages = Record<string, string>;
