import type { Messages } from '$lib/i18n/types';

// Survey links for owners and the intake of their answers (issue 16 §5).
export default {
  'surveyLinks.open': 'Answer by QR code',
  'surveyLinks.title': 'Owners answer by QR code',
  'surveyLinks.intro':
    'Owners answer on their phones by scanning a QR code: no app, no account. A household’s own QR code carries its household code; a building poster’s QR code asks for the household code printed on the questionnaire. One answer counts per household: the first received.',
  'surveyLinks.noRelay':
    'No relay is set up yet: owners’ answers reach the office through it. Enter the relay address in Settings.',
  'surveyLinks.relayError':
    'The relay cannot be reached; no links were made. Try again when online.',
  'surveyLinks.notAllowed':
    'Owner links are made by the manager or supervisor; once made they can be printed here.',
  'surveyLinks.closed': 'The survey has ended; its owner links take no more answers.',
  'surveyLinks.make': 'Make owner links',
  'surveyLinks.retry': 'Try again',
  'surveyLinks.preparing': 'Making the links…',
  'surveyLinks.show': 'Show',
  'surveyLinks.posters': 'Building posters (one QR code per building)',
  'surveyLinks.households': '{building}: one QR code per household',
  'surveyLinks.print': 'Print',
  'surveyLinks.posterTitle': 'Scan to take the satisfaction survey',
  'surveyLinks.posterHint':
    'Enter the household code printed on the questionnaire you received. One answer per household; it is encrypted on your phone and only the property service centre can read it.',
  'surveyLinks.householdHint': 'Scan to answer (this household only, one answer)',
  'surveyLinks.deadline': 'Closes: {date}',
  'surveyLinks.qrLabel': 'QR code of {label}',
  'surveyLinks.openLink': 'Open the owner page',
  'surveyLinks.byChannel': 'Paper answers: {paper} · answers by QR code: {link}',
  'surveyLinks.intakeSurvey': 'Survey answer',
  'surveyLinks.intakeCounted': 'Counted in the survey results',
  'surveyLinks.refusal.malformed': 'Not counted: unreadable',
  'surveyLinks.refusal.otherSurvey': 'Not counted: not an answer to this survey',
  'surveyLinks.refusal.unknownCode':
    'Not counted: wrong household code (a forged or mistyped link)',
  'surveyLinks.refusal.closed': 'Not counted: the survey had ended when it arrived',
  'surveyLinks.refusal.duplicate':
    'Not counted: this household already answered (one per household)',
  'surveyLinks.refusal.empty': 'Not counted: no question answered'
} satisfies Messages;
