import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSchedule, scheduleArb } from '../model/schedules';

/**
 * Issue 12 "Must show": random schedules of creates, edits, soft deletes and re-creates with
 * the same ids on 2–4 devices — one clock off by up to ±10 years, a cross-field rule, two
 * schema versions — and random exchanges: every device ends with the identical rows (fields,
 * clocks, conflict flags), and no device's clock is pulled past its own time + the bound.
 * 500+ schedules here; `npm run bench -- core` runs 10,000+.
 */
describe('the one fold, on random schedules', () => {
  it('leaves 0 divergent schedules in 600', () => {
    const seen = { writes: 0, conflicts: 0, deferred: 0, recreates: 0 };
    fc.assert(
      fc.property(scheduleArb, ([schedule, shuffle]) => {
        const outcome = runSchedule(schedule, shuffle);
        seen.writes += outcome.writes;
        seen.conflicts += outcome.conflicts;
        seen.deferred += outcome.deferred;
        seen.recreates += outcome.recreates;
        return outcome.converged && outcome.clocksBounded;
      }),
      { numRuns: 600 }
    );
    // The schedules do what they are for: merges that break the rule, ops that wait for
    // version 2, rows re-created after a delete.
    expect(seen.writes).toBeGreaterThan(600);
    expect(seen.conflicts).toBeGreaterThan(0);
    expect(seen.deferred).toBeGreaterThan(0);
    expect(seen.recreates).toBeGreaterThan(0);
  }, 120_000);
});
