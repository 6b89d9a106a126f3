// The data core (issue 12): the convergence property of the one fold on 10,000+ random
// schedules (deletes, re-creates with the same id, a clock off by up to ±10 years, a
// cross-field rule, two schema versions). `core.divergent` must be 0. The same schedules run
// 600 at a time in `npm test` (tests/unit/core-schedules.test.ts).
import { round } from '../lib/stats.ts';
import type { BenchGroup, Figure } from '../types.ts';

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

const SCHEDULES = 10_000;

export default {
  name: 'core',
  async run(ctx) {
    const { url } = await ctx.benchPage('core');
    const page = await ctx.browser.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => 'guanjiaCore' in window);
      const seed = Date.now() % 2 ** 31;
      const r = await page.evaluate(
        ([n, s]) => window.guanjiaCore.run(n, s) as unknown as CoreResult,
        [SCHEDULES, seed] as const
      );
      ctx.log(
        `${r.schedules} schedules (seed ${r.seed}) in ${(r.ms / 1000).toFixed(1)} s: ` +
          `${r.writes} writes, ${r.recreates} re-creates after a delete, ${r.deferred} chunks ` +
          `deferred for version 2, ${r.conflicts} rows left breaking the rule; ` +
          `${r.divergent} divergent, ${r.clocksOutOfBound} with a clock past the bound`
      );
      const figures: Figure[] = [
        {
          name: 'core.schedules',
          value: r.schedules,
          unit: 'schedules',
          target: { op: '>=', value: 10_000 }
        },
        {
          name: 'core.divergent',
          value: r.divergent,
          unit: 'schedules',
          target: { op: '<=', value: 0 }
        },
        {
          name: 'core.clocksOutOfBound',
          value: r.clocksOutOfBound,
          unit: 'schedules',
          target: { op: '<=', value: 0 }
        },
        { name: 'core.recreates', value: r.recreates, unit: 'writes' },
        { name: 'core.conflicts', value: r.conflicts, unit: 'rows' },
        { name: 'core.deferredChunks', value: r.deferred, unit: 'chunks' },
        { name: 'core.schedulesPerSec', value: round(r.schedules / (r.ms / 1000), 0), unit: '/s' }
      ];
      return figures;
    } finally {
      await page.close();
    }
  }
} satisfies BenchGroup;
