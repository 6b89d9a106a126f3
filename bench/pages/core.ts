// Bench page: the data core's convergence property (issue 12) on 10,000+ random schedules —
// the same schedules and checks as tests/unit/core-schedules.test.ts (tests/model/schedules.ts),
// in the browser's JS engine. Counts the schedules after which devices differ.
import fc from 'fast-check';
import { runSchedule, scheduleArb } from '../../tests/model/schedules';

interface CoreResult {
  schedules: number;
  divergent: number;
  clocksOutOfBound: number;
  writes: number;
  conflicts: number;
  deferred: number;
  recreates: number;
  ms: number;
  seed: number;
}

function run(schedules: number, seed: number): CoreResult {
  const result: CoreResult = {
    schedules: 0,
    divergent: 0,
    clocksOutOfBound: 0,
    writes: 0,
    conflicts: 0,
    deferred: 0,
    recreates: 0,
    ms: 0,
    seed
  };
  const started = performance.now();
  // In batches: a sample of 10,000 schedules at once would hold them all in memory.
  for (let batch = 0; result.schedules < schedules; batch++) {
    const n = Math.min(1000, schedules - result.schedules);
    for (const [schedule, shuffle] of fc.sample(scheduleArb, { numRuns: n, seed: seed + batch })) {
      const o = runSchedule(schedule, shuffle);
      result.schedules++;
      if (!o.converged) result.divergent++;
      if (!o.clocksBounded) result.clocksOutOfBound++;
      result.writes += o.writes;
      result.conflicts += o.conflicts;
      result.deferred += o.deferred;
      result.recreates += o.recreates;
    }
  }
  result.ms = performance.now() - started;
  return result;
}

declare global {
  interface Window {
    guanjiaCore: { run: typeof run };
  }
}
window.guanjiaCore = { run };
