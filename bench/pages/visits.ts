// Bench page: owner visits (issue 15 targets) on the large demo office — 5,000 units in three
// communities with 24 months of visit history drawn by the office's own rules. The office is
// generated in the page and stored straight into a fresh database (setup, not measured); then
// drawing December's plan for every community and drafting November's summary are timed.
import { openDatabase, useDatabase, type GuanjiaDexie } from '$lib/db/database';
import { newDeviceId } from '$lib/db/ids';
import { encodeHlc } from '$lib/domain/hlc';
import type { StoredRow } from '$lib/domain/ops';
import type { TableName } from '$lib/domain/tables';
import { demoRegistry } from '$lib/demo';
import { demoVisitHistory } from '$lib/demo/visits';
import { drawVisitPlan, draftVisitSummary } from '$lib/db/actions/visits';
import { ensureVisitHistory, planContext } from '$lib/db/actions/visit-history';
import { getSettings } from '$lib/db/queries/office';

const AS_OF = Date.parse('2026-12-01T09:00:00+08:00');
const PLAN_MONTH = '2026-12';
const SUMMARY_MONTH = '2026-11';
const RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function store(db: GuanjiaDexie, table: TableName, rows: object[], hlc: string) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = rows.slice(i, i + 20_000).map(
      (r) =>
        ({
          createdAt: AS_OF,
          updatedAt: AS_OF,
          deleted: false,
          ...r,
          _c: hlc
        }) as unknown as StoredRow
    );
    await db[table].bulkPut(chunk);
  }
}

async function run() {
  const setupStart = performance.now();
  await openDatabase('guanjia-bench-visits').delete();
  const db = openDatabase('guanjia-bench-visits');
  await db.open();
  useDatabase(db);
  const registry = demoRegistry({ size: 'large', asOf: AS_OF });
  const visits = demoVisitHistory(registry, 24);
  const hlc = encodeHlc({ wall: AS_OF, counter: 0, device: newDeviceId() });
  const tables = {
    community: registry.community,
    building: registry.building,
    unit: registry.unit,
    person: registry.person,
    occupancy: registry.occupancy,
    staff: registry.staff,
    visitPlan: visits.visitPlan,
    visitAssignment: visits.visitAssignment,
    visitRecord: visits.visitRecord
  } satisfies Partial<Record<TableName, object[]>>;
  for (const [table, rows] of Object.entries(tables))
    await store(db, table as TableName, rows, hlc);
  // The rows were stored directly, not through the commit road: the per-community visit
  // history is built once, as the staff layout does on a database from before it was kept.
  const buildStart = performance.now();
  await ensureVisitHistory(db);
  const historyBuildMs = performance.now() - buildStart;
  const setupMs = performance.now() - setupStart;

  const supervisor = registry.staff.find((s) => s.role === 'supervisor');
  if (!supervisor) throw new Error('no supervisor in the demo office');
  const actor = { staffId: supervisor.id, role: 'supervisor' as const };
  const communities = registry.community.map((c) => c.id);

  // A month's plan for the office: every community drawn against its 24 months of history.
  const planRuns: number[] = [];
  let quota = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    for (const c of communities)
      await drawVisitPlan(actor, { communityId: c, month: PLAN_MONTH }, { db, now: AS_OF });
    planRuns.push(performance.now() - start);
  }
  for (const c of communities)
    quota += Number((await db.visitPlan.get(`${PLAN_MONTH}/${c}`))?.quota);
  // Of that, what the draw reads (the two history rows per community), without the write.
  const readRuns: number[] = [];
  const { timeZone } = await getSettings(db);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    for (const c of communities) await planContext(db, c, PLAN_MONTH, timeZone);
    readRuns.push(performance.now() - start);
  }

  const summaryRuns: number[] = [];
  let recordsInMonth = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    for (const c of communities)
      await draftVisitSummary(actor, c, SUMMARY_MONTH, { db, now: AS_OF });
    summaryRuns.push(performance.now() - start);
  }
  for (const c of communities) {
    const s = await db.visitSummary.get(`${SUMMARY_MONTH}/${c}`);
    recordsInMonth += Number((s?.figures as { visited: number } | undefined)?.visited ?? 0);
  }
  return {
    setupMs,
    historyBuildMs,
    units: registry.unit.length,
    occupied: registry.unit.filter((u) => u.status === 'occupied').length,
    records: visits.visitRecord.length,
    plans: visits.visitPlan.length,
    quota,
    recordsInMonth,
    planRuns,
    planFirstMs: planRuns[0],
    planMs: median(planRuns),
    planReadMs: median(readRuns),
    summaryRuns,
    summaryFirstMs: summaryRuns[0],
    summaryMs: median(summaryRuns)
  };
}

declare global {
  interface Window {
    guanjiaVisits: { run: typeof run };
  }
}
window.guanjiaVisits = { run };
