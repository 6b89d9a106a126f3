import type { Messages } from '../../types';

// The shared date field (src/lib/ui/date-field.svelte: day, date and time, month) and its pages.
export default {
  'dateField.open': '打開日曆',
  'dateField.invalid': '請輸入日期，例如 {example}',
  'dateField.previousMonth': '上個月',
  'dateField.nextMonth': '下個月',
  'dateField.today': '今天',
  'dateField.close': '關閉',
  'dateField.invalidTime': '請輸入時間，例如 {example}',
  'dateField.invalidMonth': '請輸入月份，例如 {example}',
  'dateField.incomplete': '請同時填寫日期和時間',
  'dateField.time': '時間',
  'dateField.previousYear': '上一年',
  'dateField.nextYear': '下一年',
  'dateField.thisMonth': '本月'
} satisfies Messages;
