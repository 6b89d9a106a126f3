import { describe, expect, it } from 'vitest';
import { deviceLetter, sequenceOf, ticketNumber } from './numbers';

describe('request numbers', () => {
  it('name devices A…Z, then AA', () => {
    expect([1, 2, 26, 27, 28].map(deviceLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });

  it('carry kind, date, device and sequence, and give the sequence back for that device only', () => {
    const number = ticketNumber('complaint', '2026-11-23', 'B', 12);
    expect(number).toBe('TS-20261123-B012');
    expect(sequenceOf(number, 'B')).toBe(12);
    expect(sequenceOf(number, 'A')).toBe(0);
    expect(sequenceOf('TS-20261123-0012', 'A')).toBe(0); // an older number without a device
  });
});
