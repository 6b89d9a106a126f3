/** What a key on the PIN pad (or the keyboard) does to the digits entered so far. */
export type PinKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'backspace' | 'clear';

const digit = /^[0-9]$/;

export function pressPinKey(pin: string, key: PinKey, maxLength: number): string {
  if (key === 'backspace') return pin.slice(0, -1);
  if (key === 'clear') return '';
  return pin.length < maxLength ? pin + key : pin;
}

/** A keyboard key as a pad key, `submit` for Enter, or null for a key the pad ignores. */
export function pinKeyFromKeyboard(key: string): PinKey | 'submit' | null {
  if (digit.test(key)) return key as PinKey;
  if (key === 'Backspace' || key === 'Delete') return 'backspace';
  if (key === 'Escape') return 'clear';
  if (key === 'Enter') return 'submit';
  return null;
}
