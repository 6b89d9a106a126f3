import type { Messages } from '../../types';

export default {
  'auth.title': 'Who are you?',
  'auth.enterPin': 'Enter the PIN of {name}',
  'auth.pin': 'PIN',
  'auth.signIn': 'Sign in',
  'auth.wrongPin': 'Wrong PIN: {left} more tries',
  'auth.locked': 'Too many wrong PINs: locked until {time}',
  'auth.unknown': 'This account is disabled',
  'auth.lockedAs': 'Locked · {name}',
  'auth.unlock': 'Unlock',
  'auth.otherUser': 'Someone else',
  'auth.noStaff': 'No staff yet'
} satisfies Messages;
