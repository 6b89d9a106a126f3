// Bench page: service requests (issue 6 targets) on the large demo office — 200,000 request
// events. The office is generated in the page and stored straight into a fresh database
// (setup, not measured); then the board, intake and monthly statistics are timed, each
// against the same answer computed naively (folding every event) in the same run.
import { flushSync, mount, unmount } from 'svelte';
import { openDatabase, useDatabase, type GuanjiaDexie } from '$lib/db/database';
import { newDeviceId } from '$lib/db/ids';
import { encodeHlc } from '$lib/domain/hlc';
import type { StoredRow } from '$lib/domain/ops';
import type { TableName } from '$lib/domain/tables';
import type { Ticket } from '$lib/domain/records/ticket';
import { withoutClocks } from '$lib/domain/ops';
import { foldEvents, type TimelineEvent } from '$lib/domain/tickets/fold';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { monthlyStatistics } from '$lib/domain/tickets/statistics';
import { generateDemoOffice } from '$lib/demo';
import { recordIntake } from '$lib/db/actions/tickets';
import { contextOf, indexRowOf, rebuildTicketIndex } from '$lib/db/actions/tickets-index';
import { boardData, unitLabels } from '$lib/db/queries/tickets';
import { monthlyStats, residentsIn, statsTicket } from '$lib/db/queries/tickets-stats';
import { getSettings } from '$lib/db/queries/office';
import BoardColumns from '../../src/routes/(staff)/tickets/board-columns.svelte';
import TodayLines from '../../src/routes/(staff)/today/today-lines.svelte';
import { todayItems } from '$lib/db/queries/today';
import { todayFor } from '$lib/domain/today/items';
import { indicatorMonths, indicatorsOfMonth } from '$lib/db/queries/indicators';
import { boardItems } from '../../src/routes/(staff)/tickets/board-items';

const AS_OF = Date.parse('2026-11-23T12:00:00+08:00');
const MONTH = '2026-10';
const actor = { staffId: 'bench-desk', role: 'frontDesk' as const };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function store(db: GuanjiaDexie, table: TableName, rows: object[], hlc: string) {
  const now = AS_OF;
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = rows.slice(i, i + 20_000).map(
      (r) =>
        ({
          createdAt: now,
          updatedAt: now,
          deleted: false,
          ...r,
          _c: hlc
        }) as unknown as StoredRow
    );
    await db[table].bulkPut(chunk);
  }
}

async function setUp(): Promise<{ db: GuanjiaDexie; events: number; tickets: number }> {
  await openDatabase('guanjia-bench-requests').delete();
  const db = openDatabase('guanjia-bench-requests');
  await db.open();
  useDatabase(db);
  const demo = generateDemoOffice({ size: 'large', asOf: AS_OF });
  const hlc = encodeHlc({ wall: AS_OF, counter: 0, device: newDeviceId() });
  for (const table of [
    'community',
    'building',
    'unit',
    'person',
    'occupancy',
    'staff',
    'ticket',
    'ticketEvent'
  ] as const)
    await store(db, table, demo[table] as object[], hlc);
  return { db, events: demo.ticketEvent.length, tickets: demo.ticket.length };
}

const target = () => {
  const el = document.createElement('div');
  document.body.append(el);
  return el;
};

/** Mount the board as the page does and wait for the DOM: the end of a first render. */
function render(
  rows: TicketIndexRow[],
  labels: Record<string, string>,
  settings: Awaited<ReturnType<typeof getSettings>>
) {
  const el = target();
  const component = mount(BoardColumns, {
    target: el,
    props: {
      items: boardItems(rows, settings, Date.now()),
      view: 'status',
      unitLabels: labels,
      staffNames: {},
      hrefOf: (id: string) => `/tickets/${id}`
    }
  });
  flushSync();
  const cards = el.querySelectorAll('a').length;
  return () => {
    void unmount(component);
    el.remove();
    return cards;
  };
}

/** The board as it is built: one indexed read of the derived index, then render. */
async function boardOnce(db: GuanjiaDexie): Promise<{ ms: number; cards: number; open: number }> {
  const start = performance.now();
  const [data, settings] = await Promise.all([boardData(db), getSettings(db)]);
  const done = render(data.rows, data.unitLabels, settings);
  const ms = performance.now() - start;
  return { ms, cards: done(), open: data.rows.length };
}

/** Every ticket folded from all its events at each render. */
async function foldAll(db: GuanjiaDexie): Promise<TicketIndexRow[]> {
  const [tickets, events] = await Promise.all([db.ticket.toArray(), db.ticketEvent.toArray()]);
  const byTicket = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    const list = byTicket.get(e.ticketId as string);
    const ev = withoutClocks(e) as unknown as TimelineEvent;
    if (list) list.push(ev);
    else byTicket.set(e.ticketId as string, [ev]);
  }
  return tickets.map((row) => {
    const t = withoutClocks(row) as unknown as Ticket;
    return indexRowOf(t, foldEvents(contextOf(t), byTicket.get(t.id) ?? []));
  });
}

async function boardNaiveOnce(db: GuanjiaDexie): Promise<{ ms: number; open: number }> {
  const start = performance.now();
  const settings = await getSettings(db);
  const rows = (await foldAll(db)).filter((r) => r.open === 1);
  const labels = await unitLabels(
    rows.flatMap((r) => (r.unitId ? [r.unitId] : [])),
    db
  );
  const done = render(rows, labels, settings);
  const ms = performance.now() - start;
  done();
  return { ms, open: rows.length };
}

async function statsNaiveOnce(db: GuanjiaDexie): Promise<{ ms: number; repairs: number }> {
  const start = performance.now();
  const settings = await getSettings(db);
  const [rows, residents] = await Promise.all([foldAll(db), residentsIn(MONTH, db)]);
  const s = monthlyStatistics({
    month: MONTH,
    settings,
    residents,
    tickets: rows.map(statsTicket)
  });
  return { ms: performance.now() - start, repairs: s.repairs.total };
}

/** 工作台 for a clerk as the page builds it: every provider, the clerk's lines, rendered. */
async function todayOnce(db: GuanjiaDexie): Promise<{ ms: number; lines: number }> {
  const start = performance.now();
  const link = (id: string) => `/x/${id}`;
  const { items } = await todayItems(
    AS_OF,
    { ticket: link, notice: link, shift: link, planTask: link },
    db
  );
  const mine = todayFor(items, { staffId: actor.staffId, role: 'frontDesk' });
  const el = target();
  const component = mount(TodayLines, { target: el, props: { items: mine } });
  flushSync();
  const ms = performance.now() - start;
  const lines = el.querySelectorAll('a').length;
  void unmount(component);
  el.remove();
  return { ms, lines };
}

async function time<T extends { ms: number }>(
  n: number,
  f: () => Promise<T>
): Promise<{ runs: number[]; last: T }> {
  const runs: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    last = await f();
    runs.push(last.ms);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!last) throw new Error('no run');
  return { runs, last };
}

async function run() {
  const setupStart = performance.now();
  const { db, events, tickets } = await setUp();
  const setupMs = performance.now() - setupStart;

  const rebuildStart = performance.now();
  await rebuildTicketIndex(db);
  const indexRebuildMs = performance.now() - rebuildStart;

  const board = await time(9, () => boardOnce(db));
  const naive = await time(3, () => boardNaiveOnce(db));
  if (naive.last.open !== board.last.open)
    throw new Error(`board: ${board.last.open} open, naive ${naive.last.open}`);

  const today = await time(9, () => todayOnce(db));
  // Issue 19: all the indicators of 004 for one month, and the report's twelve-month trend.
  const indicators = await time(7, async () => {
    const start = performance.now();
    const values = await indicatorsOfMonth(MONTH, db);
    return { ms: performance.now() - start, rows: values.length };
  });
  const trend = await time(3, async () => {
    const start = performance.now();
    const months = await indicatorMonths(MONTH, 12, db);
    return { ms: performance.now() - start, rows: months.length };
  });

  const stats = await time(7, async () => {
    const start = performance.now();
    const s = await monthlyStats(MONTH, db);
    return { ms: performance.now() - start, repairs: s.repairs.total };
  });
  const statsNaive = await time(3, () => statsNaiveOnce(db));
  let n = 0;
  const intake = await time(21, async () => {
    const start = performance.now();
    await recordIntake(
      actor,
      {
        kind: 'repair',
        channel: 'phone',
        communityId: 'bench',
        location: '3号楼2单元电梯',
        callerName: '张先生',
        callerPhone: '13812345678',
        category: '电梯',
        content: `电梯按钮失灵 ${++n}`
      },
      { db }
    );
    return { ms: performance.now() - start };
  });

  return {
    events,
    tickets,
    open: board.last.open,
    cards: board.last.cards,
    setupMs,
    indexRebuildMs,
    boardRuns: board.runs,
    boardFirstRenderMs: median(board.runs),
    boardColdMs: board.runs[0],
    boardNaiveMs: median(naive.runs),
    intakeMs: median(intake.runs.slice(1)),
    monthlyStatsMs: median(stats.runs),
    monthlyStatsNaiveMs: median(statsNaive.runs),
    repairsInMonth: stats.last.repairs,
    monthlyStatsColdMs: stats.runs[0],
    todayFirstRenderMs: median(today.runs),
    todayColdMs: today.runs[0],
    todayLines: today.last.lines,
    indicatorsMonthMs: median(indicators.runs),
    indicatorsColdMs: indicators.runs[0],
    indicatorRows: indicators.last.rows,
    indicatorsYearMs: median(trend.runs)
  };
}

declare global {
  interface Window {
    guanjiaRequests: { run: typeof run };
  }
}
window.guanjiaRequests = { run };
