import type { ResolvedPathname } from '$app/types';
import type { IconName } from './icons';

/** One entry of the staff app's side navigation. */
export interface NavItem {
  /** From `resolve('/tickets')`, so links keep working when the site is served under a base path. */
  href: ResolvedPathname;
  /** An i18n key, translated by the shell so the menu follows a language switch. */
  labelKey: string;
  icon?: IconName;
}

export type DeskArea =
  | 'home'
  | 'tickets'
  | 'inbox'
  | 'households'
  | 'units'
  | 'visits'
  | 'notices'
  | 'surveys'
  | 'handover'
  | 'lifecycle'
  | 'fees'
  | 'plan'
  | 'reports'
  | 'settings';

/**
 * How each area of the desk (DESIGN.md "Shape") is named and drawn in a menu, in menu
 * order; the staff layout adds the href of each area that exists:
 * `{ href: resolve('/tickets'), ...deskAreas.tickets }`.
 */
export const deskAreas: Record<DeskArea, Omit<NavItem, 'href'>> = {
  home: { labelKey: 'shell.nav.home', icon: 'home' },
  tickets: { labelKey: 'shell.nav.tickets', icon: 'tickets' },
  inbox: { labelKey: 'shell.nav.inbox', icon: 'inbox' },
  households: { labelKey: 'shell.nav.households', icon: 'households' },
  units: { labelKey: 'shell.nav.units', icon: 'units' },
  visits: { labelKey: 'shell.nav.visits', icon: 'visits' },
  notices: { labelKey: 'shell.nav.notices', icon: 'notices' },
  surveys: { labelKey: 'shell.nav.surveys', icon: 'surveys' },
  handover: { labelKey: 'shell.nav.handover', icon: 'handover' },
  lifecycle: { labelKey: 'shell.nav.lifecycle', icon: 'lifecycle' },
  fees: { labelKey: 'shell.nav.fees', icon: 'fees' },
  plan: { labelKey: 'shell.nav.plan', icon: 'plan' },
  reports: { labelKey: 'shell.nav.reports', icon: 'reports' },
  settings: { labelKey: 'shell.nav.settings', icon: 'settings' }
};

/**
 * Whether a menu entry is the current page or one under it. An entry ending in `/` (home,
 * `resolve('/')`) only matches itself, or it would be current everywhere.
 */
export function isCurrent(href: string, path: string): boolean {
  if (href.endsWith('/')) return path === href;
  return path === href || path.startsWith(`${href}/`);
}
