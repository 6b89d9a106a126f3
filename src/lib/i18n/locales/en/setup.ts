import type { Messages } from '../../types';

export default {
  'setup.title': 'Welcome to Guanjia',
  'setup.intro': 'First run: enter your property service office and create the first manager.',
  'setup.officeName': 'Office name',
  'setup.officeNameHint': 'For example: Jinxiu Garden Property Service Centre',
  'setup.communityName': 'Community name',
  'setup.managerName': 'Manager’s name',
  'setup.pin': 'PIN',
  'setup.pinHint': '4 to 8 digits, to sign in on the tablet',
  'setup.pinConfirm': 'Repeat the PIN',
  'setup.submit': 'Create',
  'setup.alreadyDone': 'This device already has an office'
} satisfies Messages;
