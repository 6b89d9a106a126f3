import type { Messages } from '$lib/i18n/types';

// The owner's satisfaction survey page (/q/, issue 16 §5): loaded only by that page.
export default {
  'ownerSurvey.loading': 'Opening the survey…',
  'ownerSurvey.title': 'Satisfaction survey',
  'ownerSurvey.empty.title': 'This survey cannot be opened',
  'ownerSurvey.empty.body':
    'The link is incomplete or has been changed. Please scan the QR code from the property service centre again.',
  'ownerSurvey.closed.title': 'This survey has ended',
  'ownerSurvey.closed.body': 'The survey closed on {date}. Thank you for your interest.',
  'ownerSurvey.problem.offline':
    'The survey needs a network connection the first time it opens. Please connect and try again.',
  'ownerSurvey.problem.expired':
    'This survey is no longer available. Please contact the property service centre.',
  'ownerSurvey.problem.altered':
    'The survey could not be verified. Please contact the property service centre.',
  'ownerSurvey.retry': 'Try again',
  'ownerSurvey.deadline': 'Please answer by {date}',
  'ownerSurvey.intro':
    'Choose how satisfied you are: 5 is very satisfied, 1 is very dissatisfied; choose "Don’t know" if you cannot say. Every question may be left blank.',
  'ownerSurvey.code': 'Household code',
  'ownerSurvey.codeHint':
    'Printed on the questionnaire or letter you received: 6 letters and digits',
  'ownerSurvey.codeInvalid': 'Enter the 6-character household code (letters and digits)',
  'ownerSurvey.scale.1': 'Very dissatisfied',
  'ownerSurvey.scale.2': 'Dissatisfied',
  'ownerSurvey.scale.3': 'Neutral',
  'ownerSurvey.scale.4': 'Satisfied',
  'ownerSurvey.scale.5': 'Very satisfied',
  'ownerSurvey.scale.none': 'Don’t know',
  'ownerSurvey.why': 'Why (optional)',
  'ownerSurvey.optional': ' (optional)',
  'ownerSurvey.tooLong': 'Too long (at most 1,000 characters)',
  'ownerSurvey.nothing': 'Please answer at least one question',
  'ownerSurvey.private':
    'Your answers are encrypted on your phone; only the property service centre can read them.',
  'ownerSurvey.send': 'Send my answers',
  'ownerSurvey.sending': 'Sending…',
  'ownerSurvey.storageFull': 'Your phone’s storage is full; the answers could not be saved',
  'ownerSurvey.sentTitle': 'Thank you for taking part!',
  'ownerSurvey.sentBody':
    'Your answers have reached the property service centre. The results will be published as a community notice.',
  'ownerSurvey.queuedTitle': 'Your answers are saved on this phone',
  'ownerSurvey.queuedBody':
    'They will be sent when the phone is online. You can open this page again later to check.',
  'ownerSurvey.refusedBody':
    'The property service centre is not taking answers to this survey now.',
  'ownerSurvey.answeredTitle': 'Your household has already answered',
  'ownerSurvey.answeredBody':
    'One answer counts per household: the first the property service centre receives. Thank you for taking part!'
} satisfies Messages;
