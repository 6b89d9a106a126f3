import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../records/settings';
import { approvalDue, handInChecker, handInDue, isHandedInLate, summaryDue } from './deadlines';

const settings = defaultSettings();
const sh = (iso: string) => Date.parse(`${iso}+08:00`);

describe('visit deadlines (001 §4.3)', () => {
  it('a record is handed in by the end of the next day, or flagged late', () => {
    const visitedAt = sh('2026-12-10T19:00:00');
    expect(handInDue(visitedAt, settings)).toBe(sh('2026-12-11T23:59:59.999'));
    expect(isHandedInLate({ visitedAt, handedInAt: sh('2026-12-11T23:00:00') }, settings)).toBe(
      false
    );
    expect(isHandedInLate({ visitedAt, handedInAt: sh('2026-12-12T00:00:01') }, settings)).toBe(
      true
    );
  });

  it('the batch check agrees with the one-by-one check over a month', () => {
    const from = sh('2026-12-01T00:00:00');
    const to = sh('2026-12-31T23:00:00');
    const late = handInChecker(from, to, settings);
    for (let at = from; at <= to; at += 7_919_000)
      for (const after of [3_600_000, 30 * 3_600_000, 50 * 3_600_000]) {
        const record = { visitedAt: at, handedInAt: at + after };
        expect(late(record)).toBe(isHandedInLate(record, settings));
      }
  });

  it('the summary of December is due before 5 January', () => {
    expect(summaryDue('2026-12', settings)).toBe(sh('2027-01-04T23:59:59.999'));
  });

  it('the manager approves within 2 working days, counted with 调休', () => {
    // Submitted Friday 13 Feb 2026: Saturday 14 Feb is a 调休 working day, then 春节.
    const due = approvalDue(sh('2026-02-13T10:00:00'), settings);
    expect(due.date).toBe('2026-02-24');
    // Submitted Thursday 3 Dec 2026: Friday, then Monday.
    expect(approvalDue(sh('2026-12-03T10:00:00'), settings).date).toBe('2026-12-07');
  });
});
