import type { Messages } from '../../types';

// The shared date field (src/lib/ui/date-field.svelte) and its month page.
export default {
  'dateField.open': '打开日历',
  'dateField.invalid': '请输入日期，例如 {example}',
  'dateField.previousMonth': '上个月',
  'dateField.nextMonth': '下个月',
  'dateField.today': '今天',
  'dateField.close': '关闭'
} satisfies Messages;
