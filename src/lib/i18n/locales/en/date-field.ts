import type { Messages } from '../../types';

// The shared date field (src/lib/ui/date-field.svelte) and its month page.
export default {
  'dateField.open': 'Open calendar',
  'dateField.invalid': 'Enter a date, for example {example}',
  'dateField.previousMonth': 'Previous month',
  'dateField.nextMonth': 'Next month',
  'dateField.today': 'Today',
  'dateField.close': 'Close'
} satisfies Messages;
