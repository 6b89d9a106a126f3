/**
 * Fixed ids of the one-per-office records. In a module of their own, without zod, so that
 * reading them on the start page does not load the schemas (the staff start page's JS budget).
 */
export const OFFICE_ID = 'office';
export const SETTINGS_ID = 'settings';
