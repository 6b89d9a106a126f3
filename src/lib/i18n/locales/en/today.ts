import type { Messages } from '../../types';

export default {
  'today.title': 'Due today',
  'today.loading': 'Gathering what is due…',
  'today.nothing': 'Nothing is due or overdue today.',
  'today.someFailed': 'Some items could not be read just now; look again in a moment.',
  'today.state.overdue': 'Overdue ({n})',
  'today.state.today': 'Due today ({n})',
  'today.state.dueSoon': 'Due soon ({n})',
  'today.dueAt': 'Due {at}',
  'today.request.arrival': 'Repair arrival due',
  'today.request.sameDay': 'Urgent repair: finish today',
  'today.request.complaint': 'Complaint deadline',
  'today.returnVisit.repair': 'Repair return visit',
  'today.returnVisit.complaint': 'Complaint return visit',
  'today.notice.due': 'Notice to publish',
  'today.handover.accept': 'Handover to accept ({slot})',
  'today.handover.notHandedOver': 'Handover not finished ({slot})',
  'today.handover.review': 'Handover to review and sign ({slot})',
  'today.alert.title': 'Guanjia: due today',
  'today.alert.enable': 'Turn on due-date alerts'
} satisfies Messages;
