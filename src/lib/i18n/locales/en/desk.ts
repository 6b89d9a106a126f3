import type { Messages } from '$lib/i18n/types';

export default {
  'tickets.intake.routeTo': 'Hand to {department}',
  'tickets.intake.routeHint': 'By the chosen category; deadline {n} working days',
  'notices.calendarUnknown':
    'The {years} holidays and make-up workdays are not in the calendar yet: working and rest days are assumed Monday to Friday; please check by hand.'
} satisfies Messages;
