import type { Messages } from '$lib/i18n/types';

export default {
  'demo.load.action': 'Load demo data',
  'demo.load.small': 'Small: 1 community, 600 units, about 1,800 residents',
  'demo.load.large': 'Large: 3 communities, 5,000 units, about 15,000 residents',
  'demo.load.seed': 'Demo number (optional)',
  'demo.load.seedHint':
    'Another number gives another demo office (other names and figures): for training several offices side by side',
  'demo.load.seedInvalid': 'A whole number from 1 to 999999',
  'demo.load.explain':
    'The demo data is added beside this office’s own records; nothing is deleted or changed. It includes two years of repairs, complaints and inquiries.',
  'demo.load.pins': 'Demo staff PINs: manager {managerPin}, everyone else {staffPin}.',
  'demo.load.progress': 'Loading demo data… ({done}/{total})',
  'demo.load.done': 'Demo data loaded: {rows} new records.',
  'demo.load.nothingNew': 'The demo data is already on this device; nothing new to add.',
  'demo.load.failed': 'Loading the demo data failed. Please try again.'
} satisfies Messages;
