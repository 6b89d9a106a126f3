/**
 * Collects every area file of a locale, so an engineer adds `locales/<locale>/<area>.ts`
 * without editing a shared index. zh-Hans is bundled (the first paint never waits on it);
 * the other locales are fetched when a device switches to them.
 */
import { defaultLocale, type Locale, type Messages } from './types';

const bundled = import.meta.glob<Messages>('./locales/zh-Hans/*.ts', {
  eager: true,
  import: 'default'
});

type LazyLocale = Exclude<Locale, 'zh-Hans'>;

const lazy: Record<LazyLocale, Record<string, () => Promise<Messages>>> = {
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

const loaded = new Map<Locale, Promise<Messages>>([
  [defaultLocale, Promise.resolve(defaultMessages)]
]);

/** A locale's messages; each locale is fetched once, and a failed fetch may be retried. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (!messages) {
    const loaders = lazy[locale as LazyLocale];
    const paths = Object.keys(loaders);
    messages = Promise.all(paths.map((path) => loaders[path]())).then((areas) =>
      mergeAreas(Object.fromEntries(paths.map((path, i) => [path, areas[i]])))
    );
    messages.catch(() => loaded.delete(locale));
    loaded.set(locale, messages);
  }
  return messages;
}
