import type { Messages } from '$lib/i18n/types';

export default {
  'pwa.update.available': '新版本可用',
  'pwa.update.reload': '重新整理'
} satisfies Messages;
