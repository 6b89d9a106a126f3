/**
 * Wall-clock arithmetic in the office's time zone (DOMAIN "Working days": Asia/Shanghai
 * unless the office sets another), with Intl only — no clock is read here.
 */
export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23'
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function parts(ms: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) out[part.type] = part.value;
  return out;
}

export function wallTime(ms: number, timeZone: string): WallTime {
  const p = parts(ms, timeZone);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: weekdays[p.weekday] ?? 0
  };
}

/** The zone's offset from UTC at a moment, in ms (Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second)
  );
  return asUtc - (ms - (ms % 1000));
}

/**
 * The moment a wall-clock time `YYYY-MM-DDTHH:mm` (a datetime-local field) names in a zone.
 * Returns undefined for text that is not such a time.
 */
export function zonedToEpoch(local: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(local);
  if (!m) return undefined;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0));
  if (Number.isNaN(guess)) return undefined;
  // Two passes settle the offset even on a daylight-saving change in zones that have one.
  let ms = guess - offsetAt(guess, timeZone);
  ms = guess - offsetAt(ms, timeZone);
  return ms;
}

/** The datetime-local form (`YYYY-MM-DDTHH:mm`) of a moment in a zone. */
export function epochToZoned(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.date}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Calendar days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A YYYY-MM-DD moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
