import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings } from '../records/settings';
import { coveredInCycle, drawHouseholds, nextCandidates } from './draw';
import { drawPlan, planSeed } from './plan';
import { monthlyQuota } from './quota';
import { nextMonth } from './special-care';

const units = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(4, '0')}`);

/**
 * The rule as the seed states it, checked on what happened: walking the office's visits and
 * the survey's draws in order, an office draw never meets a household already visited in the
 * current round, and a round ends only when every household has been visited.
 */
function checkNoRepeatBeforeAll(
  universe: readonly string[],
  events: { id: string; by: 'survey' | 'office' }[]
): void {
  const all = new Set(universe);
  const covered = new Set<string>();
  for (const e of events) {
    if (e.by === 'office' && covered.has(e.id))
      throw new Error(`${e.id} drawn again with ${all.size - covered.size} never visited`);
    covered.add(e.id);
    if (covered.size === all.size) covered.clear();
  }
}

describe('the draw (001 §4.3 抽样)', () => {
  it('is seeded: the same history draws the same households', () => {
    const input = {
      seed: 7,
      universe: units(50),
      history: [],
      surveyDrawn: new Set<string>(),
      count: 5
    };
    expect(drawHouseholds(input).drawn).toEqual(drawHouseholds(input).drawn);
    expect(drawHouseholds({ ...input, seed: 8 }).drawn).not.toEqual(drawHouseholds(input).drawn);
  });

  it('leaves out the households the company survey drew, and counts them as heard', () => {
    const universe = units(4);
    const r = drawHouseholds({
      seed: 1,
      universe,
      history: ['u0000'],
      surveyDrawn: new Set(['u0001', 'u0002']),
      count: 3
    });
    // Only u0003 is left in this round; then a new round, still without the survey's.
    expect(r.drawn[0]).toBe('u0003');
    expect(r.drawn).not.toContain('u0001');
    expect(r.drawn).not.toContain('u0002');
    expect(r.newCycle).toBe(true);
    expect(new Set(r.drawn).size).toBe(r.drawn.length);
  });

  it('knows the round in progress from the history', () => {
    const universe = new Set(units(3));
    expect([...coveredInCycle(universe, ['u0000', 'u0001'])]).toEqual(['u0000', 'u0001']);
    expect([...coveredInCycle(universe, ['u0000', 'u0001', 'u0002', 'u0001'])]).toEqual(['u0001']);
    // Households no longer occupied do not hold a round open.
    expect([...coveredInCycle(universe, ['gone', 'u0002'])]).toEqual(['u0002']);
  });

  it('offers replacements from the same order, not yet visited in the round', () => {
    const input = {
      seed: 3,
      universe: units(10),
      history: ['u0000'],
      surveyDrawn: new Set<string>()
    };
    const plan = drawHouseholds({ ...input, count: 3 }).drawn;
    const next = nextCandidates(input, new Set(plan), 2);
    expect(next).toHaveLength(2);
    for (const id of next) {
      expect(plan).not.toContain(id);
      expect(id).not.toBe('u0000');
    }
  });

  it('over 24 simulated months: nobody twice before everyone, survey households left out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 120 }),
        fc.integer(),
        fc.array(fc.float({ min: 0, max: Math.fround(0.3), noNaN: true }), {
          minLength: 24,
          maxLength: 24
        }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 24, maxLength: 24 }),
        (n, seed, surveyShare, counts) => {
          const universe = units(n);
          const events: { id: string; by: 'survey' | 'office' }[] = [];
          const history: string[] = [];
          let month = '2025-01';
          for (let m = 0; m < 24; m++) {
            // The company's survey draws some households this month (a seeded pick).
            const survey = new Set(
              universe.filter(
                (_, i) => ((i * 7919 + m * 104_729 + seed) >>> 0) % 1000 < surveyShare[m] * 1000
              )
            );
            const { drawn } = drawHouseholds({
              seed: planSeed(month, 'c'),
              universe,
              history,
              surveyDrawn: survey,
              count: counts[m]
            });
            expect(new Set(drawn).size).toBe(drawn.length);
            expect(drawn.length).toBe(Math.min(counts[m], n - survey.size));
            for (const id of drawn) expect(survey.has(id)).toBe(false);
            for (const id of survey) events.push({ id, by: 'survey' });
            for (const id of drawn) events.push({ id, by: 'office' });
            history.push(...survey, ...drawn);
            month = nextMonth(month);
          }
          checkNoRepeatBeforeAll(universe, events);
        }
      ),
      { numRuns: 150 }
    );
    // CPU-bound and deterministic per seed: a busy machine must not fail it on time.
  }, 180_000);

  it('a large office over 24 months of plans: every household visited once before any twice', () => {
    const settings = defaultSettings();
    const universe = units(5000);
    const history: string[] = [];
    const seen = new Map<string, number>();
    let month = '2025-01';
    let rounds = 0;
    for (let m = 0; m < 24; m++) {
      const plan = drawPlan({
        month,
        seed: planSeed(month, 'c'),
        occupied: universe,
        specialCare: [],
        history,
        surveyDrawn: new Set(),
        settings
      });
      expect(plan.quota).toBe(monthlyQuota(5000, settings.visitQuotaTiers));
      for (const id of plan.units) seen.set(id, (seen.get(id) ?? 0) + 1);
      if (plan.newCycle) rounds++;
      history.push(...plan.units);
      month = nextMonth(month);
    }
    // 24 × 350 = 8,400 visits of 5,000 households: one full round, then 3,400 of the next.
    expect(rounds).toBe(1);
    expect(seen.size).toBe(5000);
    expect([...seen.values()].filter((v) => v === 2)).toHaveLength(3400);
  }, 180_000);
});
