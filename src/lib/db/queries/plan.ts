import type { CrmPlan } from '$lib/domain/records/crm-plan';
import type { PlanTask } from '$lib/domain/records/crm-plan-task';
import type { Occupancy } from '$lib/domain/records/occupancy';
import type { Person } from '$lib/domain/records/person';
import type { Unit } from '$lib/domain/records/unit';
import type { StatusFigures } from '$lib/domain/plan/draft';
import { addDays, startOfZonedDay, zonedDate } from '$lib/domain/calendar/zoned';
import { population } from '$lib/domain/indicators/population';
import { withoutClocks } from '$lib/domain/ops';
import type { DueItem } from '$lib/domain/today/items';
import { deskRoles } from '$lib/domain/today/items';
import { database, type GuanjiaDexie } from '../database';
import { getSettings } from './office';
import { indexRowsBetween } from '../ticket-index-store';

const plain = <T>(r: unknown) => withoutClocks(r as never) as T;

export async function listPlans(db: GuanjiaDexie = database()): Promise<CrmPlan[]> {
  return (await db.crmPlan.orderBy('year').reverse().toArray())
    .map((r) => plain<CrmPlan>(r))
    .filter((p) => !p.deleted);
}

export async function getPlan(
  id: string,
  db: GuanjiaDexie = database()
): Promise<{ plan: CrmPlan; tasks: PlanTask[] } | undefined> {
  const row = await db.crmPlan.get(id);
  if (!row || row.deleted) return undefined;
  const tasks = (await db.planTask.where('planId').equals(id).toArray())
    .map((r) => plain<PlanTask>(r))
    .filter((t) => !t.deleted)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { plan: plain<CrmPlan>(row), tasks };
}

export async function getPlanTask(
  id: string,
  db: GuanjiaDexie = database()
): Promise<PlanTask | undefined> {
  const row = await db.planTask.get(id);
  return row && !row.deleted ? plain<PlanTask>(row) : undefined;
}

function top(counts: Map<string, number>, n: number) {
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category, 'zh-Hans-CN'))
    .slice(0, n);
}

/** 002 客户状况分析 over the twelve months to `now`: composition, changes, special care, needs. */
export async function statusFigures(
  year: number,
  now: number,
  db: GuanjiaDexie = database()
): Promise<StatusFigures> {
  const { timeZone } = await getSettings(db);
  const today = zonedDate(now, timeZone);
  const from = addDays(today, -365);
  const [units, occupancy, people, rows] = await Promise.all([
    db.unit.toArray(),
    db.occupancy.toArray(),
    db.person.toArray(),
    indexRowsBetween(db, startOfZonedDay(from, timeZone), now, { toIncluded: true })
  ]);
  const unitRows = units.map((u) => plain<Unit>(u));
  const roles = occupancy.map((o) => plain<Occupancy>(o)).filter((o) => !o.deleted);
  const pop = population(today.slice(0, 7), unitRows, roles);
  const current = roles.filter((o) => o.from <= today && (o.to === undefined || o.to >= today));
  const care = { disabled: 0, elderlyAlone: 0, specialContributor: 0 };
  for (const p of people) {
    const person = plain<Person>(p);
    if (person.deleted) continue;
    for (const k of person.specialCare ?? []) care[k]++;
  }
  const repairs = new Map<string, number>();
  const complaints = new Map<string, number>();
  let complaintCount = 0;
  for (const r of rows) {
    if (r.status === 'cancelled') continue;
    const key = r.category || '—';
    if (r.kind === 'repair') repairs.set(key, (repairs.get(key) ?? 0) + 1);
    if (r.kind === 'complaint') {
      complaintCount++;
      complaints.set(key, (complaints.get(key) ?? 0) + 1);
    }
  }
  return {
    year,
    units: unitRows.filter((u) => !u.deleted).length,
    occupiedHouseholds: pop.occupiedHouseholds,
    residents: pop.residents,
    owners: new Set(current.filter((o) => o.role === 'owner').map((o) => o.personId)).size,
    tenants: new Set(current.filter((o) => o.role === 'tenant').map((o) => o.personId)).size,
    moveIns: roles.filter((o) => o.role !== 'family' && o.from > from && o.from <= today).length,
    moveOuts: roles.filter(
      (o) => o.role !== 'family' && o.to !== undefined && o.to > from && o.to <= today
    ).length,
    specialCare: care,
    requests: rows.filter((r) => r.status !== 'cancelled').length,
    complaints: complaintCount,
    topRepairs: top(repairs, 3),
    topComplaints: top(complaints, 3)
  };
}

/**
 * Today's lines from the yearly plan (002): items due today, overdue ones not done, and
 * those of the next three days. Whoever the item names sees it; otherwise the desk.
 */
export async function planTaskDueItems(
  now: number,
  timeZone: string,
  href: (id: string) => string,
  db: GuanjiaDexie = database()
): Promise<DueItem[]> {
  const today = zonedDate(now, timeZone);
  const rows = await db.planTask
    .where('date')
    .between(addDays(today, -60), addDays(today, 3), true, true)
    .toArray();
  const out: DueItem[] = [];
  for (const r of rows) {
    const t = plain<PlanTask>(r);
    if (t.deleted || t.doneAt !== undefined) continue;
    out.push({
      key: `planTask:${t.id}`,
      source: 'planTask',
      labelKey: `today.planTask.${t.kind}`,
      title: t.title,
      href: href(t.id),
      state: t.date < today ? 'overdue' : t.date === today ? 'today' : 'dueSoon',
      dueAt: startOfZonedDay(addDays(t.date, 1), timeZone) - 1,
      audience: {
        staffId: t.assigneeId,
        roles: t.assigneeRole ? [t.assigneeRole, 'manager', 'supervisor'] : deskRoles
      }
    });
  }
  return out;
}
