import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings } from '../records/settings';
import { fromZonedLocal } from '../calendar/zoned';
import { appointmentRefusal, latestChoosable, officeMinutes } from './appointment';

const settings = defaultSettings();
const SH = 'Asia/Shanghai';
const sh = (local: string) => fromZonedLocal(local, SH) ?? NaN;
const deviceZones = [
  'Asia/Shanghai',
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'Pacific/Kiritimati'
];
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('no door visit after 22:00 on the office clock (001 §4.3)', () => {
  it('needs a time for a door visit, not for a phone call', () => {
    expect(appointmentRefusal('door', undefined, settings)).toBe('needsTime');
    expect(appointmentRefusal('phone', undefined, settings)).toBeUndefined();
  });

  it('refuses 22:00 and later, and the night until the morning', () => {
    expect(appointmentRefusal('door', sh('2026-12-10T21:59'), settings)).toBeUndefined();
    expect(appointmentRefusal('door', sh('2026-12-10T22:00'), settings)).toBe('tooLate');
    expect(appointmentRefusal('door', sh('2026-12-10T23:30'), settings)).toBe('tooLate');
    expect(appointmentRefusal('door', sh('2026-12-11T02:00'), settings)).toBe('tooLate');
    expect(appointmentRefusal('door', sh('2026-12-11T07:00'), settings)).toBeUndefined();
    expect(appointmentRefusal('phone', sh('2026-12-10T22:30'), settings)).toBe('tooLate');
    expect(latestChoosable(settings)).toBe('21:59');
  });

  it('decides by the office zone whatever zone the tablet is set to', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-12-31') }),
        fc.constantFrom(...deviceZones),
        (at, device) => {
          process.env.TZ = device;
          // What the tablet's own clock says must not matter…
          const deviceHour = new Date(at).getHours();
          void deviceHour;
          // …only the office's wall clock, read with Intl in its zone.
          const officeHour = Number(
            new Intl.DateTimeFormat('en-GB', {
              timeZone: SH,
              hour: '2-digit',
              hourCycle: 'h23'
            }).format(at)
          );
          const refused = appointmentRefusal('door', at, settings) === 'tooLate';
          expect(refused).toBe(officeHour >= 22 || officeHour < 7);
          expect(Math.floor(officeMinutes(at, SH) / 60)).toBe(officeHour);
        }
      ),
      { numRuns: 500 }
    );
  }, 180_000);

  it('a time typed on a tablet set to another zone is read on the office clock', () => {
    for (const device of deviceZones) {
      process.env.TZ = device;
      // The appointment field's value, read in the office zone (as the screen does).
      expect(appointmentRefusal('door', fromZonedLocal('2026-12-10T22:30', SH), settings)).toBe(
        'tooLate'
      );
      expect(
        appointmentRefusal('door', fromZonedLocal('2026-12-10T19:30', SH), settings)
      ).toBeUndefined();
      // The same moment, 22:30 in Shanghai, is 09:30 in New York: still refused.
      const moment = Date.parse('2026-12-10T22:30:00+08:00');
      expect(appointmentRefusal('door', moment, settings)).toBe('tooLate');
    }
  });

  it('an office in another zone uses its own clock', () => {
    const berlin = { ...settings, timeZone: 'Europe/Berlin' };
    const at = Date.parse('2026-07-10T22:15:00+02:00'); // summer time
    expect(appointmentRefusal('door', at, berlin)).toBe('tooLate');
    expect(appointmentRefusal('door', at, settings)).toBe('tooLate'); // 04:15 in Shanghai
    expect(
      appointmentRefusal('door', Date.parse('2026-07-10T12:00:00+02:00'), berlin)
    ).toBeUndefined();
  });
});
