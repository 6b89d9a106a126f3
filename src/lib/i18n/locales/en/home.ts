import type { Messages } from '../../types';

export default {
  'app.name': 'Guanjia',
  'home.title': 'Desk',
  'home.welcome': 'Hello, {name}',
  'home.today': 'Today is {date}',
  'home.communities': 'Communities',
  'home.staff': 'Staff',
  'home.units': 'Units',
  'home.residents': 'Residents',
  'home.tickets': 'Service requests',
  'home.emptyHint':
    'No residents yet. A manager can load the demo office in Settings to try it out.'
} satisfies Messages;
