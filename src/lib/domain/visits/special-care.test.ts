import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings } from '../records/settings';
import { drawPlan, planSeed } from './plan';
import { monthsBetween, nextMonth, specialCareDue } from './special-care';

describe('special-care households on their own cadence (002)', () => {
  it('are due when never visited, or once the cadence has passed', () => {
    const h = [
      { unitId: 'a' },
      { unitId: 'b', lastVisited: '2026-11' },
      { unitId: 'c', lastVisited: '2026-09' }
    ];
    expect(specialCareDue(h, '2026-12', 1)).toEqual(['a', 'b', 'c']);
    expect(specialCareDue(h, '2026-12', 3)).toEqual(['a', 'c']);
    expect(monthsBetween('2026-11', '2027-01')).toBe(2);
  });

  it('over 24 months of plans each is visited exactly every n months, and never drawn', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 20, max: 200 }),
        fc.integer({ min: 1, max: 10 }),
        (every, n, careCount) => {
          const settings = { ...defaultSettings(), specialCareVisitMonths: every };
          const occupied = Array.from({ length: n }, (_, i) => `u${i}`);
          const careIds = occupied.slice(0, careCount);
          const last = new Map<string, string>();
          const visits = new Map<string, string[]>();
          const history: string[] = [];
          let month = '2025-01';
          for (let m = 0; m < 24; m++) {
            const plan = drawPlan({
              month,
              seed: planSeed(month, 'c'),
              occupied,
              specialCare: careIds.map((unitId) => ({ unitId, lastVisited: last.get(unitId) })),
              history,
              surveyDrawn: new Set(),
              settings
            });
            for (const id of plan.units) {
              if (careIds.includes(id)) {
                expect(plan.specialCare).toContain(id);
                last.set(id, month);
                visits.set(id, [...(visits.get(id) ?? []), month]);
              }
            }
            history.push(...plan.units.filter((id) => !careIds.includes(id)));
            month = nextMonth(month);
          }
          for (const id of careIds) {
            const months = visits.get(id) ?? [];
            expect(months[0]).toBe('2025-01');
            expect(months).toHaveLength(Math.ceil(24 / every));
            for (let i = 1; i < months.length; i++)
              expect(monthsBetween(months[i - 1], months[i])).toBe(every);
          }
        }
      ),
      { numRuns: 100 }
    );
  }, 180_000);
});
