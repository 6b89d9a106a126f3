import type { Messages } from '../../types';

export default {
  'validation.pin': 'The PIN must be 4 to 8 digits',
  'validation.pinMismatch': 'The two PINs do not match',
  'validation.role': 'Choose a role',
  'validation.endBeforeStart': 'The end date cannot be before the start date',
  'write.forbidden': 'Your role is not allowed to do this',
  'write.notFound': 'The record does not exist or was deleted',
  'role.manager': 'Manager',
  'role.supervisor': 'Supervisor',
  'role.frontDesk': 'Front desk',
  'role.engineer': 'Engineering',
  'role.security': 'Security',
  'role.cleaning': 'Cleaning',
  'role.greening': 'Greening',
  'role.finance': 'Finance',
  'role.company': 'Company (read-only)'
} satisfies Messages;
