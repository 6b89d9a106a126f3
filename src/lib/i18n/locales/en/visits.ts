import type { Messages } from '../../types';

export default {
  'visits.refused.tooLate': 'No visit at 22:00 or later, nor before the morning (office time)',
  'visits.refused.needsTime': 'A door visit needs an agreed time',
  'visits.refused.notInPlan': 'This household is not in the plan',
  'visits.refused.chooseVisitor': 'Choose a visitor',
  'visits.refused.inFuture': 'The visit cannot be in the future',
  'visits.refused.alreadyRouted': 'This item has already been routed',
  'visits.refused.summaryLocked': 'The summary has been submitted and cannot be redrafted',
  'visits.refused.managerOnly': 'Only the manager can approve',
  'visits.refused.notSubmitted': 'The summary has not been submitted',
  'visits.validation.signature': 'Ask the owner to sign, or tick “Owner refused to sign”'
} satisfies Messages;
