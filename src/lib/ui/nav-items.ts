import type { IconName } from './icons';

/** One entry of the staff app's side navigation. */
export interface NavItem {
  href: string;
  /** An i18n key, translated by the shell so the menu follows a language switch. */
  labelKey: string;
  icon?: IconName;
}

/** Every area of the desk (DESIGN.md "Shape", routes/), in the order the menu shows them. */
export const deskAreas: NavItem[] = [
  { href: '/', labelKey: 'shell.nav.home', icon: 'home' },
  { href: '/tickets', labelKey: 'shell.nav.tickets', icon: 'tickets' },
  { href: '/households', labelKey: 'shell.nav.households', icon: 'households' },
  { href: '/units', labelKey: 'shell.nav.units', icon: 'units' },
  { href: '/visits', labelKey: 'shell.nav.visits', icon: 'visits' },
  { href: '/notices', labelKey: 'shell.nav.notices', icon: 'notices' },
  { href: '/surveys', labelKey: 'shell.nav.surveys', icon: 'surveys' },
  { href: '/handover', labelKey: 'shell.nav.handover', icon: 'handover' },
  { href: '/lifecycle', labelKey: 'shell.nav.lifecycle', icon: 'lifecycle' },
  { href: '/fees', labelKey: 'shell.nav.fees', icon: 'fees' },
  { href: '/reports', labelKey: 'shell.nav.reports', icon: 'reports' },
  { href: '/settings', labelKey: 'shell.nav.settings', icon: 'settings' }
];

/** Whether a menu entry is the current page or one under it; the home entry only matches itself. */
export function isCurrent(href: string, path: string): boolean {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}
