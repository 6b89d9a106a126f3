import type { Messages } from '../../types';

// The shared date field (src/lib/ui/date-field.svelte) and its month page.
export default {
  'dateField.open': '打開日曆',
  'dateField.invalid': '請輸入日期，例如 {example}',
  'dateField.previousMonth': '上個月',
  'dateField.nextMonth': '下個月',
  'dateField.today': '今天',
  'dateField.close': '關閉'
} satisfies Messages;
