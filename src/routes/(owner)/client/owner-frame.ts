/**
 * What every owner page does around its content (the +layout.svelte of this group draws it):
 * the language of the phone, the three language buttons, and the service worker, so a page
 * opened once opens again with no network (DESIGN.md "Owner-facing pages").
 */
import { isLocale, type Locale } from '$lib/i18n/types';
import { ownerLocale, phoneLocale, setOwnerLocale, t } from '../owner-i18n';

/** The page's folder (`/n/`), also when the link was typed without the last slash. */
export function pageFolder(): URL {
  return new URL(location.origin + location.pathname.replace(/\/?$/, '/'));
}

/** Strings of the prerendered frame, marked `data-t` (text) or `data-t-label` (aria-label). */
function translateFrame(): void {
  document.documentElement.lang = ownerLocale();
  for (const element of document.querySelectorAll<HTMLElement>('[data-t]'))
    element.textContent = t(element.dataset.t ?? '');
  for (const element of document.querySelectorAll<HTMLElement>('[data-t-label]'))
    element.setAttribute('aria-label', t(element.dataset.tLabel ?? ''));
  for (const element of document.querySelectorAll<HTMLElement>('[data-locale]'))
    element.setAttribute('aria-pressed', String(element.dataset.locale === ownerLocale()));
}

/** Starts the frame; `redraw` draws the page's own content again in the new language. */
export function startOwnerFrame(redraw: () => void): void {
  async function choose(locale: Locale) {
    if (!(await setOwnerLocale(locale))) return;
    translateFrame();
    redraw();
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-locale]')) {
    element.addEventListener('click', () => {
      const locale = element.dataset.locale;
      if (isLocale(locale)) void choose(locale);
    });
  }
  const wanted = phoneLocale(navigator.languages ?? [navigator.language]);
  if (wanted !== ownerLocale()) void choose(wanted);

  // The page's own worker (n/sw.js: this page and its files only, not the staff app), registered
  // once the phone is idle after load, so it never competes with the notice.
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    void navigator.serviceWorker
      .register(new URL('./sw.js', pageFolder()).href)
      .catch(() => undefined);
  const later = () =>
    'requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 3000 }) : register();
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
