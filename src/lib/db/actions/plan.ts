import type { DraftTask } from '$lib/domain/plan/draft';
import type { CrmPlan } from '$lib/domain/records/crm-plan';
import type { PlanTask } from '$lib/domain/records/crm-plan-task';
import { newId } from '../ids';
import { write, type Actor, type Change } from '../write';

/**
 * Store a drafted yearly plan with its items (002) in one write: all of it or nothing.
 * `text` translates the draft's keys, so the plan is kept in the words it was drafted in.
 */
export async function saveDraftPlan(
  actor: Actor,
  plan: Pick<CrmPlan, 'year' | 'title' | 'analysis' | 'focus' | 'methods'>,
  tasks: readonly DraftTask[],
  text: (key: string, params?: Record<string, string | number>) => string
): Promise<string> {
  const planId = newId();
  const changes: Change[] = [
    { op: 'create', table: 'crmPlan', value: { id: planId, ...plan } },
    ...tasks.map((t): Change => ({
      op: 'create',
      table: 'planTask',
      value: {
        planId,
        kind: t.kind,
        title: text(t.titleKey, t.params),
        date: t.date,
        place: text(t.place),
        people: text(t.people),
        ...(t.assigneeRole ? { assigneeRole: t.assigneeRole } : {})
      }
    }))
  ];
  await write(actor, changes);
  return planId;
}

export async function updatePlan(
  actor: Actor,
  id: string,
  patch: Partial<Pick<CrmPlan, 'title' | 'analysis' | 'focus' | 'methods' | 'review'>>
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'crmPlan', id, patch }]);
}

export async function addPlanTask(
  actor: Actor,
  task: Pick<PlanTask, 'planId' | 'kind' | 'title' | 'date' | 'place' | 'people'> &
    Partial<Pick<PlanTask, 'assigneeId' | 'assigneeRole'>>
): Promise<string> {
  const [id] = await write(actor, [{ op: 'create', table: 'planTask', value: task }]);
  return id;
}

/** An item done, with what happened (it goes into the year report). */
export async function completePlanTask(
  actor: Actor,
  id: string,
  note: string,
  now = Date.now()
): Promise<void> {
  await write(actor, [
    { op: 'update', table: 'planTask', id, patch: { doneAt: now, doneNote: note } }
  ]);
}
