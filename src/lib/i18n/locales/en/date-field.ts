import type { Messages } from '../../types';

// The shared date field (src/lib/ui/date-field.svelte: day, date and time, month) and its pages.
export default {
  'dateField.open': 'Open calendar',
  'dateField.invalid': 'Enter a date, for example {example}',
  'dateField.previousMonth': 'Previous month',
  'dateField.nextMonth': 'Next month',
  'dateField.today': 'Today',
  'dateField.close': 'Close',
  'dateField.invalidTime': 'Enter a time, for example {example}',
  'dateField.invalidMonth': 'Enter a month, for example {example}',
  'dateField.incomplete': 'Enter both the date and the time',
  'dateField.time': 'Time',
  'dateField.previousYear': 'Previous year',
  'dateField.nextYear': 'Next year',
  'dateField.thisMonth': 'This month'
} satisfies Messages;
