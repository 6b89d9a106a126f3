/**
 * The current language and time zone as runes. `t()` and the format helpers read them,
 * so any template that calls them re-renders when the language changes.
 */
import { defaultMessages, loadMessages } from './catalog';
import * as format from './format';
import { readStoredLocale, storeLocale } from './stored-locale';
import { translate, warnMissing } from './translate';
import { defaultLocale, type Locale, type MessageParams, type Messages } from './types';

export class I18n {
  #locale = $state<Locale>(defaultLocale);
  #messages = $state.raw<Messages>(defaultMessages);
  #timeZone = $state(format.defaultTimeZone);
  #loading = $state(false);
  #complete = $state(false);
  /** Every zh-Hans message, once fetched: the fallback for a message missing in another locale. */
  #fallback = $state.raw<Messages>(defaultMessages);
  // Only the latest switch may apply, however the loads finish.
  #request = 0;
  #started: Promise<void> | null = null;

  get locale(): Locale {
    return this.#locale;
  }

  get timeZone(): string {
    return this.#timeZone;
  }

  /** False while the device's stored language is still being fetched on start. */
  get ready(): boolean {
    return !this.#loading;
  }

  /** True once every area's messages of the current language are here, not only the core ones. */
  get complete(): boolean {
    return this.#complete;
  }

  t = (key: string, params?: MessageParams): string =>
    translate(
      { locale: this.#locale, messages: this.#messages, fallback: this.#fallback },
      key,
      params,
      warnMissing
    );

  /** Whether a key has a message (in this locale or the default one): tells a message key from plain text. */
  has = (key: string): boolean => key in this.#messages || key in this.#fallback;

  /** Loads the locale, then switches to it and remembers it on this device. */
  setLocale = async (locale: Locale): Promise<void> => {
    const request = ++this.#request;
    const messages = await loadMessages(locale);
    if (request !== this.#request) return;
    this.#messages = messages;
    this.#complete = true;
    this.#locale = locale;
    storeLocale(locale);
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  };

  /** The office's time zone (settings); an unknown name is refused so dates never fail to render. */
  setTimeZone = (timeZone: string): void => {
    if (!format.isTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
    this.#timeZone = timeZone;
  };

  /**
   * Fetches every area's messages of the current language (and all of zh-Hans, the
   * fallback), beyond the core areas of the first screens. The staff layout calls it once
   * someone signs in, so setup and sign-in load only what they show.
   */
  loadAll = async (): Promise<void> => {
    const request = this.#request;
    try {
      const all = await loadMessages(defaultLocale);
      this.#fallback = all;
      if (this.#locale === defaultLocale && this.#request === request) this.#messages = all;
      this.#complete = this.#locale === defaultLocale || this.#complete;
    } catch (error) {
      // Offline before the area files were ever cached: keep what is here rather than a blank page.
      console.warn('[i18n] could not load', defaultLocale, error);
    }
  };

  /** Applies the language stored on this device; once, however often it is called. */
  start = (): Promise<void> => {
    this.#started ??= this.#applyStored();
    return this.#started;
  };

  async #applyStored(): Promise<void> {
    const stored = readStoredLocale();
    if (typeof document !== 'undefined') document.documentElement.lang = stored ?? this.#locale;
    if (!stored || stored === this.#locale) return;
    this.#loading = true;
    try {
      await this.setLocale(stored);
    } catch (error) {
      // Offline before the locale was ever cached: keep the default language rather than a blank app.
      console.warn('[i18n] could not load', stored, error);
    } finally {
      this.#loading = false;
    }
  }

  /** Back to the default state, for tests. */
  reset(): void {
    this.#request++;
    this.#locale = defaultLocale;
    this.#messages = defaultMessages;
    this.#timeZone = format.defaultTimeZone;
    this.#loading = false;
    this.#complete = false;
    this.#fallback = defaultMessages;
    this.#started = null;
  }
}

export const i18n = new I18n();

// In the browser, the stored language starts loading as soon as anything imports i18n,
// so it is usually there before the first component renders.
if (typeof window !== 'undefined') void i18n.start();

export const t = i18n.t;
export const hasMessage = i18n.has;
export const setLocale = i18n.setLocale;
export const setTimeZone = i18n.setTimeZone;
/** Resolves once the device's stored language is applied; await it in a `+layout.ts` load to avoid a flash of zh-Hans. */
export const startI18n = i18n.start;

export function formatDate(
  value: format.DateInput | null | undefined,
  style?: format.DateStyle
): string {
  return format.formatDate(value, i18n.locale, i18n.timeZone, style);
}

export function formatTime(value: format.DateInput | null | undefined): string {
  return format.formatTime(value, i18n.locale, i18n.timeZone);
}

export function formatDateTime(value: format.DateInput | null | undefined): string {
  return format.formatDateTime(value, i18n.locale, i18n.timeZone);
}

/** `now` defaults to the clock; pass a ticking value to keep "3 分钟前" current. */
export function formatRelativeTime(
  value: format.DateInput | null | undefined,
  now: format.DateInput = Date.now()
): string {
  return format.formatRelativeTime(value, now, i18n.locale, i18n.timeZone);
}

/** `YYYY-MM-DD` in the office's time zone. */
export function toIsoDate(value: format.DateInput | null | undefined): string {
  return format.toIsoDate(value, i18n.timeZone);
}

export function formatNumber(
  value: number,
  options?: Pick<Intl.NumberFormatOptions, 'minimumFractionDigits' | 'maximumFractionDigits'>
): string {
  return format.formatNumber(value, i18n.locale, options);
}

export function formatPercent(ratio: number, fractionDigits?: number): string {
  return format.formatPercent(ratio, i18n.locale, fractionDigits);
}

export function formatMoney(yuan: number): string {
  return format.formatMoney(yuan, i18n.locale);
}

/** Integer fen as money, exactly (fees, issue 18). */
export function formatFen(fen: number): string {
  return format.formatFen(fen, i18n.locale);
}
