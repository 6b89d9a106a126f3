import type { Messages } from '../../types';

export default {
  'setup.title': 'Welcome to Guanjia',
  'setup.intro': 'First run: enter your property service office and create the first manager.',
  'setup.officeName': 'Office name',
  'setup.officeNameHint': 'For example: Jinxiu Garden Property Service Centre',
  'setup.officePhone': 'Office phone',
  'setup.officePhoneHint':
    'The contact number printed on notices, e.g. 0755-12345678; can also be added later under Notices → Templates and stamp',
  'setup.communityName': 'Community name',
  'setup.managerName': 'Manager’s name',
  'setup.pin': 'PIN',
  'setup.pinHint': '4 to 8 digits, to sign in on the tablet',
  'setup.pinConfirm': 'Repeat the PIN',
  'setup.submit': 'Create',
  'setup.alreadyDone': 'This device already has an office',
  'setup.restore.open': 'Restore from a backup',
  'setup.company': 'Company device (read-only, several offices)',
  'setup.restore.title': 'Restore from a backup',
  'setup.restore.explain':
    'Choose the backup file (.zip) downloaded from Settings → Backup. Every record, handover log and photo comes back onto this device.',
  'setup.restore.choose': 'Backup file',
  'setup.restore.progress': 'Restoring… ({done}/{total})',
  'setup.restore.cancel': 'Back',
  'setup.restore.notBackup': 'This is not a Guanjia backup file.',
  'setup.restore.newerVersion':
    'This backup comes from a newer version of the app: update the app first.',
  'setup.restore.notEmpty':
    'This device already holds data: a backup restores only into an empty device.'
} satisfies Messages;
