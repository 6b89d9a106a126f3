/**
 * Collects every area file of a locale, so an engineer adds `locales/<locale>/<area>.ts`
 * without editing a shared index. The zh-Hans messages of the first screens (setup,
 * sign-in, the frame and the start page: the core areas below) are bundled, so the first
 * paint never waits; every other area, and the other locales, are fetched once someone signs
 * in (`i18n.loadAll()`, from the service worker's cache once installed). The staff layout
 * shows an area's pages once `i18n.complete`: the first screen's JS stays small however many
 * areas the desk has.
 */
import type { Locale, Messages } from './types';

const bundled = import.meta.glob<Messages>(
  './locales/zh-Hans/{common,shell,validation,ui,pwa,records,setup,auth,home,sync}.ts',
  { eager: true, import: 'default' }
);

const lazy: Record<Locale, Record<string, () => Promise<Messages>>> = {
  'zh-Hans': import.meta.glob<Messages>('./locales/zh-Hans/*.ts', { import: 'default' }),
  'zh-Hant': import.meta.glob<Messages>('./locales/zh-Hant/*.ts', { import: 'default' }),
  en: import.meta.glob<Messages>('./locales/en/*.ts', { import: 'default' })
};

/** One flat map from several area files, in path order so the result never depends on load order. */
export function mergeAreas(areas: Record<string, Messages>): Messages {
  const merged: Messages = {};
  for (const path of Object.keys(areas).sort()) Object.assign(merged, areas[path]);
  return merged;
}

export const defaultMessages: Messages = mergeAreas(bundled);

const loaded = new Map<Locale, Promise<Messages>>();

/** All of a locale's messages; each locale is fetched once, and a failed fetch may be retried. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (!messages) {
    const loaders = lazy[locale];
    const paths = Object.keys(loaders);
    messages = Promise.all(paths.map((path) => loaders[path]())).then((areas) =>
      mergeAreas(Object.fromEntries(paths.map((path, i) => [path, areas[i]])))
    );
    messages.catch(() => loaded.delete(locale));
    loaded.set(locale, messages);
  }
  return messages;
}
