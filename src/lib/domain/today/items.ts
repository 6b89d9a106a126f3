import type { Role } from '../roles';
import type { Department } from '../tickets/departments';
import { departmentOf } from '../tickets/departments';

/**
 * One line of 工作台 (Today): something a person must do, with where it stands and the
 * record it opens. Each area of the desk contributes its lines through a provider
 * (lib/db/queries/today.ts); this file only knows how lines are shaped, who sees them and
 * in which order they come.
 */
export type DueState = 'overdue' | 'dueSoon' | 'today';

export type DueSource =
  'request' | 'returnVisit' | 'notice' | 'handover' | 'planTask' | 'visit' | 'fee' | (string & {});

export interface DueItem {
  /** Unique over every provider, e.g. `returnVisit:<ticketId>`. */
  key: string;
  source: DueSource;
  /** An i18n key naming what is due ("回访到期"), with `params` for it. */
  labelKey: string;
  params?: Record<string, string | number>;
  /** The record's own words (request number and excerpt, notice title…): shown as is. */
  title: string;
  /** The record's page. */
  href: string;
  state: DueState;
  /** When it is (or was) due; items without one sort after those with. */
  dueAt?: number;
  /** Who sees it: desk roles see everything; others see what is addressed to them. */
  audience: Audience;
}

export interface Audience {
  roles?: readonly Role[];
  department?: Department;
  staffId?: string;
}

export interface Person {
  staffId: string;
  role: Role;
}

/** The front desk, its supervisor and the manager follow everything up (003 §3.3, §3.4). */
export const deskRoles: readonly Role[] = ['frontDesk', 'supervisor', 'manager'];

/** Whether a person's Today lists an item: by role, by their department, or by name. */
export function concerns(item: DueItem, person: Person): boolean {
  const a = item.audience;
  if (a.staffId !== undefined && a.staffId === person.staffId) return true;
  if (a.roles?.includes(person.role)) return true;
  if (a.department !== undefined && departmentOf(person.role) === a.department) return true;
  return false;
}

const stateOrder: Record<DueState, number> = { overdue: 0, today: 1, dueSoon: 2 };

/** Overdue first, then due today, then due soon; within each, the earliest deadline first. */
export function compareDue(a: DueItem, b: DueItem): number {
  return (
    stateOrder[a.state] - stateOrder[b.state] ||
    (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** A person's Today: the lines that concern them, in order, each once. */
export function todayFor(items: readonly DueItem[], person: Person): DueItem[] {
  const seen = new Set<string>();
  const out: DueItem[] = [];
  for (const item of items) {
    if (seen.has(item.key) || !concerns(item, person)) continue;
    seen.add(item.key);
    out.push(item);
  }
  return out.sort(compareDue);
}

/** How many lines are overdue and due: what the badge shows (issue 19 §5). */
export function badgeCount(items: readonly DueItem[]): number {
  return items.filter((i) => i.state === 'overdue' || i.state === 'today').length;
}
