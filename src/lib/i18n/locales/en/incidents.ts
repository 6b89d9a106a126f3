import type { Messages } from '../../types';

export default {
  'incidents.kind.water': 'Water cut',
  'incidents.kind.power': 'Power cut',
  'incidents.kind.gas': 'Gas cut',
  'incidents.kind.elevator': 'Lift out of service',
  'incidents.kind.other': 'Other',
  'incidents.title': 'Incidents',
  'incidents.subtitle':
    'While it lasts, the intake screen shows the script and calls attach to the incident',
  'incidents.ongoing': 'Ongoing incident',
  'incidents.script': 'What to tell callers',
  'incidents.scriptHint':
    'e.g. Water is off in buildings 3 and 5 today 14:00–18:00 for mains repair.',
  'incidents.calls': '{n} calls',
  'incidents.attachCall': 'This call is about it',
  'incidents.callAttached': 'Call attached to the incident',
  'incidents.announce': 'Announce incident',
  'incidents.announced': 'Incident announced',
  'incidents.end': 'End incident',
  'incidents.endedAt': 'Ended {date}',
  'incidents.none': 'No incidents',
  'incidents.planned': 'Planned (announced ahead)',
  'incidents.sudden': 'Sudden',
  'incidents.plannedHint': 'Planned cuts: owners are told 24 h ahead',
  'incidents.field.kind': 'Kind',
  'incidents.field.title': 'Title',
  'incidents.field.startsAt': 'Starts',
  'incidents.field.endsAt': 'Expected end'
} satisfies Messages;
