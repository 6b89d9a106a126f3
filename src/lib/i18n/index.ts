export {
  locales,
  defaultLocale,
  isLocale,
  type Locale,
  type Messages,
  type MessageParams
} from './types';
export { localeNames } from './locale-names';
export { defaultTimeZone, type DateInput, type DateStyle } from './format';
export {
  i18n,
  t,
  hasMessage,
  setLocale,
  setTimeZone,
  startI18n,
  formatDate,
  formatTime,
  formatDateTime,
  formatRelativeTime,
  toIsoDate,
  formatNumber,
  formatPercent,
  formatMoney,
  formatFen
} from './i18n.svelte';
