import type { Messages } from '$lib/i18n/types';

export default {
  'pwa.update.available': 'A new version is available',
  'pwa.update.reload': 'Reload'
} satisfies Messages;
