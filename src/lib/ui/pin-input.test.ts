import { describe, expect, it } from 'vitest';
import { pinKeyFromKeyboard, pressPinKey } from './pin-input';

describe('pressPinKey', () => {
  it('adds digits up to the longest PIN and no further', () => {
    let pin = '';
    for (const key of ['1', '2', '3', '4', '5'] as const) pin = pressPinKey(pin, key, 4);
    expect(pin).toBe('1234');
  });

  it('removes the last digit or all of them', () => {
    expect(pressPinKey('123', 'backspace', 6)).toBe('12');
    expect(pressPinKey('', 'backspace', 6)).toBe('');
    expect(pressPinKey('123', 'clear', 6)).toBe('');
  });
});

describe('pinKeyFromKeyboard', () => {
  it('maps digits, deletion, Escape and Enter, and ignores the rest', () => {
    expect(pinKeyFromKeyboard('7')).toBe('7');
    expect(pinKeyFromKeyboard('Backspace')).toBe('backspace');
    expect(pinKeyFromKeyboard('Escape')).toBe('clear');
    expect(pinKeyFromKeyboard('Enter')).toBe('submit');
    expect(pinKeyFromKeyboard('a')).toBeNull();
    expect(pinKeyFromKeyboard('F5')).toBeNull();
  });
});
