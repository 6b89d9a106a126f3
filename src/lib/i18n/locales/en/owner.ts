import type { Messages } from '$lib/i18n/types';

export default {
  'owner.suspect.title': 'Signed differently than before: be careful',
  'owner.suspect.body':
    'This notice claims to come from “{office}”, but it is signed with another key than the notices of that office this phone saw before. It may be forged: check with the property office.',
  'owner.loading': 'Opening the notice…',
  'owner.verified': 'Verified · {office}',
  'owner.verifiedHint':
    'Signed by the property office and unchanged. Signature {code} should match the notice in your lobby.',
  'owner.altered.title': 'This notice cannot be trusted',
  'owner.altered.body':
    'The link was changed or is incomplete (some chat apps cut long links). Rely on the notice posted in your lobby, or check with the property office.',
  'owner.empty.title': 'No notice here',
  'owner.empty.body':
    'Open the link the property office sent, or scan the QR code on the notice in your lobby.',
  'owner.unreachable.title': 'Cannot fetch the notice right now',
  'owner.unreachable.body':
    'This short link’s notice is kept on the property office’s relay, which cannot be reached now. Check your connection and try again, or read the notice in your lobby.',
  'owner.expired.title': 'Notice no longer available',
  'owner.expired.body':
    'The relay no longer holds this notice. Read the notice in your lobby or contact the property office.',
  'owner.unknownZone.title': "This notice's times cannot be shown",
  'owner.unknownZone.body':
    "The notice uses a time zone this phone does not know ({zone}), so its times cannot be shown correctly. Update the phone's system or browser and open the link again, or read the notice in the lobby or call the property office.",
  'owner.retry': 'Try again',
  'owner.print': 'Print',
  'owner.showQr': 'Show QR code',
  'owner.hideQr': 'Hide QR code',
  'owner.qrLabel': 'QR code of this notice',
  'owner.time': 'When',
  'owner.audience': 'For',
  'owner.published': 'Published',
  'owner.phone': 'Questions',
  'owner.formLink': 'Report a problem / make a suggestion',
  'owner.range': '{start} to {end}',
  'owner.language': 'Language',
  'owner.kind.pestControl': 'Pest control',
  'owner.kind.waterCut': 'Water cut',
  'owner.kind.powerCut': 'Power cut',
  'owner.kind.works': 'Works',
  'owner.kind.event': 'Community event',
  'owner.kind.fireSafety': 'Fire safety',
  'owner.kind.financialReport': 'Financial report',
  'owner.kind.surveyResults': 'Survey results',
  'owner.kind.general': 'Notice',
  'owner.noscript':
    'Turn on JavaScript in your browser to read the notice, or read the notice in your lobby.',
  'owner.receipts':
    'This notice keeps an anonymous count of readers: opening it adds one to a count per building on the property office’s server. Nothing about who you are, your phone or where you are is recorded.',
  'owner.footer': 'Guanjia · property notices'
} satisfies Messages;
