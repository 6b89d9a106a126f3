import { describe, expect, it } from 'vitest';
import {
  addDays,
  nextShift,
  previousShift,
  shiftAt,
  shiftEnd,
  type ShiftTable
} from './shift-times';

const table: ShiftTable = {
  early: { start: '08:00', end: '16:00' },
  middle: { start: '16:00', end: '24:00' },
  night: { start: '00:00', end: '08:00' }
};

describe('shift times', () => {
  it('finds the shift on duty', () => {
    expect(shiftAt(table, '2026-11-23', 8 * 60)).toEqual({ date: '2026-11-23', slot: 'early' });
    expect(shiftAt(table, '2026-11-23', 23 * 60)).toEqual({ date: '2026-11-23', slot: 'middle' });
    expect(shiftAt(table, '2026-11-23', 3 * 60)).toEqual({ date: '2026-11-23', slot: 'night' });
  });

  it('keeps a night shift that runs past midnight on the day it began', () => {
    const late: ShiftTable = {
      ...table,
      middle: { start: '16:00', end: '22:00' },
      night: { start: '22:00', end: '08:00' }
    };
    expect(shiftAt(late, '2026-11-24', 2 * 60)).toEqual({ date: '2026-11-23', slot: 'night' });
    expect(shiftEnd(late, '2026-11-23', 'night')).toEqual({ date: '2026-11-24', minutes: 480 });
  });

  it('between shifts, gives the one that just ended', () => {
    const gap: ShiftTable = {
      ...table,
      middle: { start: '16:00', end: '22:00' },
      night: { start: '23:00', end: '08:00' }
    };
    expect(shiftAt(gap, '2026-11-23', 22 * 60 + 30)).toEqual({
      date: '2026-11-23',
      slot: 'middle'
    });
  });

  it('links shifts across days', () => {
    expect(nextShift('2026-12-31', 'night')).toEqual({ date: '2027-01-01', slot: 'early' });
    expect(previousShift('2026-03-01', 'early')).toEqual({ date: '2026-02-28', slot: 'night' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
