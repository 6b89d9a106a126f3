import type { Settings } from '$lib/domain/records/settings';
import type { Notice } from '$lib/domain/records/notice';
import type { Shift } from '$lib/domain/records/shift';
import { withoutClocks } from '$lib/domain/ops';
import { addDays, zonedDate } from '$lib/domain/calendar/zoned';
import { chineseCalendar, noticeState, publishDeadline } from '$lib/domain/notices';
import { unsignedShifts } from '$lib/domain/handover/review';
import { shiftTable } from '$lib/domain/handover/shift-times';
import { shiftRoles, supervisingRoles } from '$lib/domain/handover/flow';
import { deskRoles, type DueItem } from '$lib/domain/today/items';
import { requestDueItems } from '$lib/domain/today/tickets';
import { database, type GuanjiaDexie } from '../database';
import { getSettings } from './office';
import { planTaskDueItems } from './plan';
import { dueSuggestionBoxes } from './owner-inbox';
import { openIndexRows } from '../ticket-index-store';

/** Where each kind of record opens (the page supplies them, through the app's base path). */
export interface TodayLinks {
  ticket(id: string): string;
  notice(id: string): string;
  shift(id: string): string;
  planTask(id: string): string;
  [area: string]: (id: string) => string;
}

export interface TodayContext {
  db: GuanjiaDexie;
  settings: Settings;
  now: number;
  links: TodayLinks;
}

/**
 * One area's contribution to 工作台 (Today): the lines it has for everyone at `now`; the
 * page keeps the ones for the signed-in person (lib/domain/today/items.ts `todayFor`).
 * Visits (issue 15), fees (issue 18) and the yearly plan add a provider to this list.
 */
export type TodayProvider = (ctx: TodayContext) => Promise<DueItem[]>;

/** Requests past or near a deadline, and return visits due (one read of the open index rows). */
export const requestsProvider: TodayProvider = async ({ db, settings, now, links }) =>
  requestDueItems(await openIndexRows(db), settings, now, links.ticket);

/** 001 §4.2: notices due but not published (their time has come or their deadline is near). */
export const noticesProvider: TodayProvider = async ({ db, settings, now, links }) => {
  const out: DueItem[] = [];
  for (const row of await db.notice.toArray()) {
    if (row.deleted) continue;
    const notice = withoutClocks(row) as unknown as Notice;
    const deadline = publishDeadline(notice, settings, chineseCalendar);
    const state = noticeState(notice, deadline, now);
    if (state !== 'due' && state !== 'overdue') continue;
    out.push({
      key: `notice:${notice.id}`,
      source: 'notice',
      labelKey: 'today.notice.due',
      title: notice.title,
      href: links.notice(notice.id),
      state: state === 'overdue' ? 'overdue' : 'dueSoon',
      dueAt: deadline ?? notice.publishAt,
      audience: { roles: deskRoles }
    });
  }
  return out;
};

/**
 * 003 §3.9: a handover signed by the outgoing shift waits for the incoming one to accept
 * it; an ended shift not yet handed over, and a closed one the manager or duty head has
 * not read and signed, wait for the supervisor or manager.
 */
export const handoverProvider: TodayProvider = async ({ db, settings, now, links }) => {
  const zone = settings.timeZone;
  const today = zonedDate(now, zone);
  const rows = await db.shift
    .where('date')
    .between(addDays(today, -14), addDays(today, 1), true, true)
    .toArray();
  const shifts = rows.map((r) => withoutClocks(r) as unknown as Shift).filter((s) => !s.deleted);
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).format(now);
  const minutes = Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const unsigned = unsignedShifts(shifts, shiftTable(settings), { date: today, minutes });
  const item = (s: Shift, what: string, roles: DueItem['audience']['roles']): DueItem => ({
    key: `handover:${what}:${s.id}`,
    source: 'handover',
    labelKey: `today.handover.${what}`,
    params: { slot: s.slot },
    title: s.date,
    href: links.shift(s.id),
    state: s.date < today ? 'overdue' : 'today',
    audience: { roles }
  });
  return [
    ...shifts.filter((s) => s.status === 'ready').map((s) => item(s, 'accept', shiftRoles)),
    ...unsigned.notHandedOver
      .filter((s) => s.status !== 'ready')
      .map((s) => item(s, 'notHandedOver', supervisingRoles)),
    ...unsigned.notReviewed.map((s) => item(s, 'review', supervisingRoles))
  ];
};

/** 002: the yearly plan's items on their day (festivals, special-care visits, publishing…). */
export const planProvider: TodayProvider = ({ db, settings, now, links }) =>
  planTaskDueItems(now, settings.timeZone, links.planTask, db);

const DAY_MS = 24 * 3600 * 1000;

/**
 * Issue 16 §4 (DOMAIN "Satisfaction survey": a suggestion box read on a schedule): a box whose
 * reading is due while unread notes wait, for the desk; overdue a day after it fell due.
 */
export const suggestionBoxProvider: TodayProvider = async ({ db, now, links }) =>
  (await dueSuggestionBoxes(now, db)).map((due): DueItem => ({
    key: `suggestionBox:${due.link.id}`,
    source: 'suggestionBox',
    labelKey: 'inbox.today.boxDue',
    params: { count: due.unread },
    title: due.link.label,
    href: links.inbox ? links.inbox(due.link.id) : '',
    state: now - due.dueAt > DAY_MS ? 'overdue' : 'today',
    dueAt: due.dueAt,
    audience: { roles: deskRoles }
  }));

/** Every area's provider, in the order their lines are gathered. */
export const todayProviders: TodayProvider[] = [
  requestsProvider,
  noticesProvider,
  handoverProvider,
  planProvider,
  suggestionBoxProvider
];

/** Everything due at `now`, for everyone; a failing provider costs only its own lines. */
export async function todayItems(
  now: number,
  links: TodayLinks,
  db: GuanjiaDexie = database(),
  providers: readonly TodayProvider[] = todayProviders
): Promise<{ items: DueItem[]; failed: number }> {
  const settings = await getSettings(db);
  const ctx = { db, settings, now, links };
  const results = await Promise.allSettled(providers.map((p) => p(ctx)));
  const items: DueItem[] = [];
  let failed = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') items.push(...r.value);
    else {
      failed++;
      console.error('today provider', r.reason);
    }
  }
  return { items, failed };
}
