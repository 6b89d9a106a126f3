import type { Settings } from '../records/settings';
import type { VisitMethod } from '../records/visit-appointment';
import { toZonedLocal } from '../calendar/zoned';

export type AppointmentSettings = Pick<
  Settings,
  'visitLatestHour' | 'visitEarliestHour' | 'timeZone'
>;

/** Why an appointment time is refused: an i18n key under `visits.refused.*`. */
export type AppointmentRefusal = 'needsTime' | 'tooLate';

/** Minutes after midnight of a moment on the office's wall clock (not the tablet's). */
export function officeMinutes(at: number, timeZone: string): number {
  const local = toZonedLocal(at, timeZone);
  return Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
}

/**
 * 001 §4.3: 上门访问必须事先与访问业户预约 … (原则上 22:00后不访问). A door visit needs an
 * agreed time; no visit starts at 22:00 or later, nor in the night after it until the morning's
 * earliest hour — read on the office's clock in its time zone, whatever zone the tablet is set to.
 */
export function appointmentRefusal(
  method: VisitMethod,
  at: number | undefined,
  settings: AppointmentSettings
): AppointmentRefusal | undefined {
  if (at === undefined) return method === 'door' ? 'needsTime' : undefined;
  const minutes = officeMinutes(at, settings.timeZone);
  const latest = settings.visitLatestHour * 60;
  const earliest = settings.visitEarliestHour * 60;
  if (minutes >= latest || minutes < earliest) return 'tooLate';
  return undefined;
}

/** The latest time of day that may be chosen, for the time field's `max` ("21:59"). */
export function latestChoosable(settings: Pick<Settings, 'visitLatestHour'>): string {
  const last = Math.max(0, settings.visitLatestHour * 60 - 1);
  return `${String(Math.floor(last / 60)).padStart(2, '0')}:${String(last % 60).padStart(2, '0')}`;
}
