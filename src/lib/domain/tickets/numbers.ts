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
 * The number of a request: BX-20261123-0007 (kind, office date, sequence of that kind
 * that day on this device's knowledge). Two tablets offline on the same day may give the
 * same number; the record id stays unique, and the board shows both.
 */
export function ticketNumber(kind: TicketKind, isoDate: string, seq: number): string {
  return `${numberPrefixes[kind]}-${isoDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}
