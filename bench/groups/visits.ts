// Owner visits (issue 15 targets): on the large demo office (5,000 units, 24 months of visit
// history), drawing a month's plan for every community and drafting a month's summary.
import { round } from '../lib/stats.ts';
import type { BenchGroup, Figure } from '../types.ts';

interface VisitsResult {
  setupMs: number;
  historyBuildMs: number;
  units: number;
  occupied: number;
  records: number;
  plans: number;
  quota: number;
  recordsInMonth: number;
  planRuns: number[];
  planFirstMs: number;
  planMs: number;
  planReadMs: number;
  summaryRuns: number[];
  summaryFirstMs: number;
  summaryMs: number;
}

export default {
  name: 'visits',
  async run(ctx) {
    const { url } = await ctx.benchPage('visits');
    const page = await ctx.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => 'guanjiaVisits' in window);
      const r = await page.evaluate(() => window.guanjiaVisits.run() as Promise<VisitsResult>);
      ctx.log(
        `${r.units} units (${r.occupied} occupied), ${r.records} visit records in ${r.plans} monthly plans; ` +
          `setup ${Math.round(r.setupMs)} ms (history rows built in ${Math.round(r.historyBuildMs)} ms); plan runs ${r.planRuns.map((x) => x.toFixed(1)).join(' ')} ` +
          `(quota ${r.quota}; of which the history rows read ${r.planReadMs.toFixed(1)} ms); summary runs ${r.summaryRuns.map((x) => x.toFixed(1)).join(' ')} ` +
          `(${r.recordsInMonth} counted visits in the month)`
      );
      const ms = (name: string, value: number, target?: number): Figure => ({
        name: `visits.${name}`,
        value: round(value, 1),
        unit: 'ms',
        ...(target === undefined ? {} : { target: { op: '<=', value: target } })
      });
      return [
        ms('planMs', r.planMs, 200),
        ms('planFirstMs', r.planFirstMs),
        ms('planReadMs', r.planReadMs),
        ms('summaryMs', r.summaryMs, 200),
        ms('summaryFirstMs', r.summaryFirstMs),
        { name: 'visits.historyRecords', value: r.records, unit: 'records' }
      ];
    } catch (error) {
      const note = `${error instanceof Error ? error.message : String(error)}${errors.length ? ` (page: ${errors[0]})` : ''}`;
      return ['planMs', 'summaryMs'].map((name) => ({
        name: `visits.${name}`,
        value: null,
        unit: 'ms',
        note
      }));
    } finally {
      await page.close();
    }
  }
} satisfies BenchGroup;
