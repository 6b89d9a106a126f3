import type { Messages } from '../../types';

export default {
  'ui.pinPad.label': 'Enter your PIN',
  'ui.pinPad.entered': '{count} of {length} digits entered',
  'ui.pinPad.enteredOpen': '{count} digits entered',
  'ui.pinPad.backspace': 'Delete last digit',
  'ui.pinPad.clear': 'Clear',
  'ui.toast.region': 'Notifications',
  'ui.toast.dismiss': 'Dismiss'
} satisfies Messages;
