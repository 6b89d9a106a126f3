import { describe, expect, it } from 'vitest';
import { personForm } from './person';
import { occupancyForm } from './occupancy';
import { maskIdNumber, maskPhone } from './sensitive-reveal';

describe('person and occupancy forms', () => {
  it('refuses a 10-digit phone at the field', () => {
    const r = personForm.safeParse({ name: '张三', phones: ['1381234567'] });
    expect(r.error?.issues[0]).toMatchObject({ path: ['phones', 0], message: 'validation.phone' });
  });

  it('keeps health notes only with a recorded consent', () => {
    const without = personForm.safeParse({ name: '张三', healthNotes: '糖尿病' });
    expect(without.error?.issues[0]).toMatchObject({
      path: ['healthNotes'],
      message: 'households.validation.healthConsent'
    });
    const consent = { on: '2026-11-01', how: 'signed', recordedBy: 's1' } as const;
    expect(
      personForm.safeParse({ name: '张三', healthNotes: '糖尿病', healthConsent: consent }).success
    ).toBe(true);
  });

  it('refuses a move-out before the move-in', () => {
    const r = occupancyForm.safeParse({
      unitId: 'u',
      personId: 'p',
      role: 'tenant',
      from: '2027-03-01',
      to: '2027-01-31'
    });
    expect(r.error?.issues[0]).toMatchObject({
      path: ['to'],
      message: 'validation.endBeforeStart'
    });
  });
});

describe('masks', () => {
  it('shows the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('shows the region and the last 4 of an ID number', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234');
  });
});
