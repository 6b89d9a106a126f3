// Issue 18 figures (fees): a year of monthly bills for the large demo office (5,000 units,
// 60,000 bills) through the app's bill run against a raw Dexie bulkPut of the same bills in
// the same run; and the arrears list with aging for the whole office. Browser side:
// bench/pages/fees.ts.
import { median, round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

async function run(ctx: BenchContext): Promise<Figure[]> {
  const benchPage = await ctx.benchPage('fees');
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`fees page error: ${error.message}`));
  try {
    await page.goto(benchPage.url);
    await page.waitForFunction(() => 'feesBench' in window);
    // Alternate the two sides, three times each, so neither always meets a warmer browser.
    const runs: number[] = [];
    const raws: number[] = [];
    let bills = 0;
    for (let i = 0; i < 3; i++) {
      const raw = await page.evaluate(() => window.feesBench.rawBulkPut());
      const bill = await page.evaluate(() => window.feesBench.billRun());
      ctx.log(
        `round ${i + 1}: bill run ${bill.bills} bills for ${bill.units} units in ${bill.ms.toFixed(0)} ms; raw bulkPut ${raw.bills} bills in ${raw.ms.toFixed(0)} ms`
      );
      runs.push(bill.ms);
      raws.push(raw.ms);
      bills = bill.bills;
    }
    const payments = await page.evaluate(() => window.feesBench.pay());
    await page.evaluate(() => window.feesBench.arrears()); // warm-up
    ctx.log(
      `arrears list reads: ${JSON.stringify(await page.evaluate(() => window.feesBench.arrearsParts()))}`
    );
    const lists: number[] = [];
    let found = { rows: 0, buildings: 0 };
    for (let i = 0; i < 7; i++) {
      const r = await page.evaluate(() => window.feesBench.arrears());
      lists.push(r.ms);
      found = r;
    }
    ctx.log(
      `arrears list (${bills} bills, ${payments} payments): ${found.rows} units in arrears, ${found.buildings} buildings; ms ${lists.map((ms) => ms.toFixed(0)).join(', ')}`
    );
    const rawMs = median(raws);
    return [
      {
        name: 'fees.billRunMs',
        value: round(median(runs)),
        unit: 'ms',
        target: { op: '<=', value: round(rawMs * 1.5) },
        note: `≤ 1.5 × fees.billRawBulkPutMs of the same run (${bills} bills)`
      },
      { name: 'fees.billRawBulkPutMs', value: round(rawMs), unit: 'ms' },
      {
        name: 'fees.arrearsListMs',
        value: round(median(lists)),
        unit: 'ms',
        target: { op: '<=', value: 100 }
      }
    ];
  } finally {
    await context.close();
  }
}

export default { name: 'fees', run } satisfies BenchGroup;
