import type { Messages } from '../../types';

// The shared date field (src/lib/ui/date-field.svelte: day, date and time, month) and its pages.
export default {
  'dateField.open': '打开日历',
  'dateField.invalid': '请输入日期，例如 {example}',
  'dateField.previousMonth': '上个月',
  'dateField.nextMonth': '下个月',
  'dateField.today': '今天',
  'dateField.close': '关闭',
  'dateField.invalidTime': '请输入时间，例如 {example}',
  'dateField.invalidMonth': '请输入月份，例如 {example}',
  'dateField.incomplete': '请同时填写日期和时间',
  'dateField.time': '时间',
  'dateField.previousYear': '上一年',
  'dateField.nextYear': '下一年',
  'dateField.thisMonth': '本月'
} satisfies Messages;
