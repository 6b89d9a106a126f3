/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so that
 * every op gets a timestamp that is (a) close to real time for the audit trail and (b)
 * strictly greater than anything the device has seen, even when its clock is behind.
 *
 * Encoded as a fixed-width string `mmmmmmmmmmm:cccc:device` so that plain string
 * comparison is the total order every device agrees on; the device id breaks ties.
 * Pure: the caller passes the wall time in (DESIGN.md: no clock in lib/domain or lib/oplog).
 */
export type Hlc = string;

export interface HlcParts {
  wall: number;
  counter: number;
  device: string;
}

const WALL_WIDTH = 11; // base-36 ms: enough until the year 5138
const COUNTER_WIDTH = 4; // base-36: 1.6 million ticks within one millisecond
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
/** Smaller than every real HLC: the clock of a field nobody has written. */
export const HLC_ZERO: Hlc = '';

export function encodeHlc({ wall, counter, device }: HlcParts): Hlc {
  return `${wall.toString(36).padStart(WALL_WIDTH, '0')}:${counter
    .toString(36)
    .padStart(COUNTER_WIDTH, '0')}:${device}`;
}

export function decodeHlc(hlc: Hlc): HlcParts {
  const [wall, counter, ...device] = hlc.split(':');
  if (!wall || !counter || device.length === 0) throw new Error(`Not an HLC: ${hlc}`);
  return { wall: parseInt(wall, 36), counter: parseInt(counter, 36), device: device.join(':') };
}

/** The next timestamp for a local event, given the last one this device issued or saw. */
export function tickHlc(last: Hlc, now: number, device: string): Hlc {
  if (last === HLC_ZERO) return encodeHlc({ wall: now, counter: 0, device });
  const prev = decodeHlc(last);
  if (now > prev.wall) return encodeHlc({ wall: now, counter: 0, device });
  if (prev.counter >= MAX_COUNTER) return encodeHlc({ wall: prev.wall + 1, counter: 0, device });
  return encodeHlc({ wall: prev.wall, counter: prev.counter + 1, device });
}

/** How far ahead of this device's clock a received HLC may pull it (settings: clockBoundMinutes). */
export const DEFAULT_CLOCK_BOUND_MS = 10 * 60_000;

/**
 * Advance the local clock past a timestamp received from another device — but never past
 * `now + bound`: one tablet whose clock says 2035 must not drag every device's clock there
 * for good. Its ops still apply (LWW compares their HLCs as they are); only this device's
 * own clock stays near real time.
 */
export function receiveHlc(
  last: Hlc,
  remote: Hlc,
  now: number,
  device: string,
  bound = DEFAULT_CLOCK_BOUND_MS
): Hlc {
  const limit = encodeHlc({ wall: now + bound, counter: 0, device: '' });
  // Compare on the wall and counter only: the cap is a time, whoever's device it names.
  const capped = remote.slice(0, limit.length) > limit ? limit + device : remote;
  const newest = capped > last ? capped : last;
  return tickHlc(newest, now, device);
}

/** How far (ms) an HLC is ahead of the given wall time; negative when it is behind. */
export function hlcAhead(hlc: Hlc, now: number): number {
  return decodeHlc(hlc).wall - now;
}

/** Wall-clock milliseconds of an HLC: when the change was made, for the timeline. */
export function hlcTime(hlc: Hlc): number {
  return decodeHlc(hlc).wall;
}
