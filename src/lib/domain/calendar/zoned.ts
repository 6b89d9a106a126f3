/**
 * Calendar dates in an office's time zone (DOMAIN "Working days": Asia/Shanghai unless the
 * office sets another). Pure: every function takes the moment and the zone; only `Intl`
 * knows the zone's rules, so an office abroad with summer time is handled too.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as WallClock;
}

/** How far the zone's wall clock is ahead of UTC at a moment, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of a moment in a zone. */
export function zonedDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The moment a calendar date's midnight begins in a zone. */
export function startOfZonedDay(isoDate: string, timeZone: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(guess, timeZone);
  // Around a summer-time change the offset at the answer may differ from the guess's.
  return guess - offsetAt(first, timeZone);
}

/** The last millisecond of a calendar date in a zone. */
export function endOfZonedDay(isoDate: string, timeZone: string): number {
  return startOfZonedDay(addDays(isoDate, 1), timeZone) - 1;
}

/** A calendar date plus n days (no time zone involved: dates are dates). */
export function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** "2026-11" of a moment in a zone. */
export function zonedMonth(ms: number, timeZone: string): string {
  return zonedDate(ms, timeZone).slice(0, 7);
}

/** First and last moment of a month ("2026-11") in a zone: [start, end). */
export function monthRange(month: string, timeZone: string): [number, number] {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [startOfZonedDay(`${month}-01`, timeZone), startOfZonedDay(`${next}-01`, timeZone)];
}

/** The month before "2026-01" is "2025-12". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A `datetime-local` value ("2026-11-23T14:30") read in the office's zone, as a moment. */
export function fromZonedLocal(local: string, timeZone: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return undefined;
  const midnight = startOfZonedDay(m[1], timeZone);
  const guess = midnight + (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  // Correct by the offset difference when a summer-time change lies between midnight and then.
  return guess - (offsetAt(guess, timeZone) - offsetAt(midnight, timeZone));
}

/** A moment as a `datetime-local` value in the office's zone. */
export function toZonedLocal(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}
