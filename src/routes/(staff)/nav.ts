import { resolve } from '$app/paths';
import { deskAreas, type NavItem } from '$lib/ui/nav-items';

/** The desk's areas that exist so far; each later area adds its entry when it lands. */
export const navItems: NavItem[] = [
  { href: resolve('/'), ...deskAreas.home },
  { href: resolve('/tickets'), ...deskAreas.tickets },
  { href: resolve('/inbox'), ...deskAreas.inbox },
  { href: resolve('/households'), ...deskAreas.households },
  { href: resolve('/units'), ...deskAreas.units },
  { href: resolve('/visits'), ...deskAreas.visits },
  { href: resolve('/notices'), ...deskAreas.notices },
  { href: resolve('/surveys'), ...deskAreas.surveys },
  { href: resolve('/handover'), ...deskAreas.handover },
  { href: resolve('/lifecycle'), ...deskAreas.lifecycle },
  { href: resolve('/plan'), ...deskAreas.plan },
  { href: resolve('/fees'), ...deskAreas.fees },
  { href: resolve('/reports'), ...deskAreas.reports },
  { href: resolve('/settings'), ...deskAreas.settings }
];
