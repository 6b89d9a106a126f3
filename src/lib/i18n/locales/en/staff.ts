import type { Messages } from '../../types';

export default {
  'staff.title': 'Staff and roles',
  'staff.add': 'Add a staff member',
  'staff.name': 'Name',
  'staff.role': 'Role',
  'staff.phone': 'Mobile',
  'staff.pin': 'First PIN',
  'staff.pinConfirm': 'Repeat the PIN',
  'staff.active': 'Active',
  'staff.inactive': 'Disabled',
  'staff.added': '{name} added',
  'staff.deactivate': 'Disable',
  'staff.activate': 'Enable',
  'staff.onlyManager': 'Only a manager can manage staff',
  'staff.count': '{n} people'
} satisfies Messages;
