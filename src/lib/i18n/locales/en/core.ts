import type { Messages } from '../../types';

// Issue 12: the data core's notices (merge conflicts, device clocks, refused changes).
export default {
  'core.conflict.title': 'Edits from two devices conflict',
  'core.conflict.hint':
    'Two devices changed this record; merged, it breaks a rule ({rule}). Both values are below: correct either one. Other edits save as usual.',
  'core.conflict.yes': 'yes',
  'core.conflict.no': 'no',
  'core.conflict.filled': 'filled in',
  'core.devices.title': 'Device clocks and changes not applied',
  'core.devices.clockAhead': 'Device {device}’s clock is about {minutes} min ahead of this one',
  'core.devices.ownBehind':
    'This device’s clock seems to be behind the office’s other devices: check its date and time.',
  'core.devices.refused':
    'A change to “{table}” by {actor} on device {device} was not applied: their role may not make it',
  'core.devices.allFine': 'Every device’s clock is fine; no change was refused.',
  'core.devices.snapshotPublished':
    'This device last published a snapshot: {time}, {rows} records (a new device joins from it and fetches only later changes).',
  'core.devices.snapshotJoined': 'This device joined from a snapshot: {time}, {rows} records.'
} satisfies Messages;
