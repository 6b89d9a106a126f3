// Issue 5 figures (units and households): search per keystroke against a plain Dexie scan,
// the household page's first render with its full timeline, the import of 5,000 rows.
import { measureHouseholdRender } from '../households/household-render.ts';
import { percentile } from '../households/percentile.ts';
import { lifecycleHistory } from '../households/renovation-history.ts';
import { median, round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

/** What the desk types, keystroke by keystroke: names, pinyin, phone digits, unit codes, tags. */
const queries = [
  '张',
  '王秀',
  '李建国',
  'zs',
  'wxy',
  'zhangwei',
  'liu',
  '5678',
  '1390',
  '3-2-1201',
  '3栋1201',
  '12-1-0502',
  'VIP',
  '教师',
  '锦绣'
];

async function openPage(ctx: BenchContext) {
  const benchPage = await ctx.benchPage('households');
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`bench page error: ${error.message}`));
  await page.goto(benchPage.url);
  await page.waitForFunction(() => 'householdsBench' in window);
  return { context, page };
}

async function searchAndImport(
  ctx: BenchContext
): Promise<{ figures: Figure[]; rows: Record<string, Record<string, unknown>[]> }> {
  const { context, page } = await openPage(ctx);
  try {
    const seeded = await page.evaluate(() => window.householdsBench!.seed());
    ctx.log(`seeded ${seeded.people} people, ${seeded.units} units`);
    const search = await page.evaluate((q) => window.householdsBench!.search(q), queries);
    const baseline = await page.evaluate((q) => window.householdsBench!.baseline(q), queries);
    ctx.log(
      `index: searchable after ${search.buildMs.toFixed(0)} ms, pinyin complete after ${search.pinyinMs.toFixed(0)} ms`
    );
    ctx.log(
      `search ms per keystroke: median ${median(search.ms).toFixed(2)}, max ${Math.max(...search.ms).toFixed(2)} (${search.ms.length} keystrokes)`
    );
    const once = queries.flatMap((q) => Array.from(q, (_, i) => q.slice(0, i + 1)));
    const typed = [...once, ...once, ...once];
    const slowest = search.ms
      .map((ms, i) => [ms, typed[i], search.hits[i]] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 5);
    ctx.log(
      `slowest keystrokes: ${slowest.map(([ms, q, n]) => `${q} ${ms.toFixed(1)} ms (${n})`).join(', ')}`
    );
    ctx.log(
      `baseline ms per keystroke: median ${median(baseline.ms).toFixed(2)}, max ${Math.max(...baseline.ms).toFixed(2)}`
    );
    const imports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await page.evaluate(() => window.householdsBench!.importXlsx());
      ctx.log(
        `import 5,000 rows: ${r.totalMs.toFixed(0)} ms (read ${r.readMs.toFixed(0)}, check ${r.planMs.toFixed(0)}, write ${r.writeMs.toFixed(0)}), ${r.good} good`
      );
      imports.push(r.totalMs);
    }
    // Issue 14: HC's 2,000 rows (check + write) against a raw bulkPut of what it wrote.
    const hc: number[] = [];
    const hcRaw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await page.evaluate(() => window.householdsBench!.importHc());
      ctx.log(
        `HC 资产信息 2,000 rows: check ${r.checkMs.toFixed(0)} + write ${r.writeMs.toFixed(0)} = ${(r.checkMs + r.writeMs).toFixed(0)} ms (read ${r.readMs.toFixed(0)} ms besides), ${r.good} good; raw bulkPut of the ${r.rows} rows it wrote: ${r.rawMs.toFixed(0)} ms`
      );
      hc.push(r.checkMs + r.writeMs);
      hcRaw.push(r.rawMs);
    }
    const rows = await page.evaluate(() => window.householdsBench!.officeRows());
    return {
      rows,
      figures: [
        {
          name: 'search.p95Ms',
          value: round(percentile(search.ms, 95), 2),
          unit: 'ms',
          target: { op: '<=', value: 16 }
        },
        {
          name: 'search.baselineP95Ms',
          value: round(percentile(baseline.ms, 95), 2),
          unit: 'ms',
          note: 'Dexie where(name).startsWith(), names only'
        },
        { name: 'search.indexReadyMs', value: Math.round(search.buildMs), unit: 'ms' },
        { name: 'search.pinyinCompleteMs', value: Math.round(search.pinyinMs), unit: 'ms' },
        {
          name: 'import.rows5000Ms',
          value: Math.round(median(imports)),
          unit: 'ms',
          target: { op: '<=', value: 3000 }
        },
        {
          name: 'import.hcRows2000Ms',
          value: Math.round(median(hc)),
          unit: 'ms',
          target: { op: '<=', value: Math.round(2 * median(hcRaw)) },
          note: 'HC 资产信息, 2,000 rows, check + write; target 2 × import.hcRawBulkPutMs of the same run'
        },
        {
          name: 'import.hcRawBulkPutMs',
          value: Math.round(median(hcRaw)),
          unit: 'ms',
          note: 'raw Dexie bulkPut of the rows the HC import wrote'
        }
      ]
    };
  } finally {
    await context.close();
  }
}

export default {
  name: 'households',
  async run(ctx) {
    const { figures, rows } = await searchAndImport(ctx);
    try {
      // Issue 17: the measured units carry a full renovation history and a move-in.
      const units = new Map((rows.unit ?? []).map((u) => [String(u.id), u]));
      const render = await measureHouseholdRender(ctx, rows, (ids) =>
        lifecycleHistory(
          ids.map((id) => ({
            id,
            communityId: String(units.get(id)?.communityId ?? ''),
            areaM2: Number(units.get(id)?.areaM2 ?? 100)
          })),
          'bench-staff',
          Date.UTC(2026, 8, 1, 1),
          rows.unit?.[0]?._c
        )
      );
      ctx.log(
        `household page runs ms: ${render.runs.map((ms) => ms.toFixed(0)).join(', ')} (busiest unit: ${render.entries} requests, plus a renovation of 67 steps and a move-in of 9)`
      );
      if (render.before)
        ctx.log(
          `same units before the lifecycle rows: median ${render.before.medianMs.toFixed(0)} ms, runs ${render.before.runs.map((ms) => ms.toFixed(0)).join(', ')}`
        );
      figures.push({
        name: 'household.firstRenderMs',
        value: Math.round(render.medianMs),
        unit: 'ms',
        target: { op: '<=', value: 100 },
        note: 'units with a full renovation history and a move-in (issue 17)'
      });
      if (render.before)
        figures.push({
          name: 'household.firstRenderNoLifecycleMs',
          value: Math.round(render.before.medianMs),
          unit: 'ms',
          note: 'same units, same run, before their lifecycle rows were put in'
        });
    } catch (error) {
      const note = `failed: ${String(error).split('\n')[0]}`;
      ctx.log(`household.firstRenderMs ${note}`);
      figures.push({
        name: 'household.firstRenderMs',
        value: null,
        unit: 'ms',
        target: { op: '<=', value: 100 },
        note
      });
    }
    return figures;
  }
} satisfies BenchGroup;
