import type { TicketKind } from '../records/ticket';

/** Prefixes of request numbers, as on the paper registers (BX 报修, TS 投诉…). */
export const numberPrefixes: Record<TicketKind, string> = {
  repair: 'BX',
  complaint: 'TS',
  inquiry: 'ZX',
  suggestion: 'JY',
  paidService: 'YC',
  praise: 'BY'
};

/**
 * The letter of a device in request numbers: A for the office's first device, B for the
 * second paired one… (enrollment order, which never changes: removed devices keep theirs).
 */
export function deviceLetter(ordinal: number): string {
  let n = Math.max(1, Math.floor(ordinal));
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The number of a request: BX-20261123-A007 (kind, office date, the device that took it,
 * its sequence of that kind on that device that day). Tablets take requests offline, so a
 * number must be unique without asking the others: each device counts its own.
 */
export function ticketNumber(
  kind: TicketKind,
  isoDate: string,
  device: string,
  seq: number
): string {
  return `${numberPrefixes[kind]}-${isoDate.replaceAll('-', '')}-${device}${String(seq).padStart(3, '0')}`;
}

/** The sequence part of a number taken on `device`, or 0 when the number is another device's. */
export function sequenceOf(number: string, device: string): number {
  const tail = number.slice(number.lastIndexOf('-') + 1);
  const match = /^([A-Z]+)(\d+)$/.exec(tail);
  return match && match[1] === device ? Number(match[2]) : 0;
}
