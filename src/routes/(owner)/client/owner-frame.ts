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

  // The app's worker (scripts/build-sw.js precaches the owner pages' html and files).
  // Registered after load so it never competes with the notice for the phone's bandwidth.
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    void navigator.serviceWorker
      .register(new URL('../sw.js', pageFolder()).href)
      .catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
