import type { Messages } from '../../types';

export default {
  'shell.nav.label': 'Main menu',
  'shell.nav.home': 'Home',
  'shell.nav.tickets': 'Service requests',
  'shell.nav.inbox': 'Owner inbox',
  'shell.nav.households': 'Households',
  'shell.nav.units': 'Units',
  'shell.nav.visits': 'Visits',
  'shell.nav.notices': 'Notices',
  'shell.nav.surveys': 'Surveys',
  'shell.nav.handover': 'Shift handover',
  'shell.nav.lifecycle': 'Move-in & renovation',
  'shell.nav.fees': 'Fees',
  'shell.nav.plan': 'Yearly plan',
  'shell.nav.reports': 'Reports',
  'shell.nav.settings': 'Settings',
  'shell.menu.open': 'Open menu',
  'shell.menu.close': 'Close menu',
  'shell.skipToContent': 'Skip to main content',
  'shell.lock': 'Lock',
  'shell.switchUser': 'Switch user',
  'shell.notSignedIn': 'Not signed in',
  'shell.language': 'Language'
} satisfies Messages;
