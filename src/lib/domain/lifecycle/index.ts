import type { Procedure, ProcedureKind } from '../records/lifecycle';
import type { Role } from '../roles';
import {
  checkStep,
  foldSteps,
  stepsNow,
  type BaseState,
  type Data,
  type Done,
  type Machine,
  type ProcedureContext,
  type RefusalReason,
  type StepEvent
} from './machine';
import { moveIn, moveInChecklist, moveInProbe, type MoveInState } from './move-in';
import { moveOut, moveOutChecklist, type MoveOutState } from './move-out';
import {
  needsFireApproval,
  renovation,
  renovationProbe,
  renovationStage,
  type RenovationState
} from './renovation';

export type { ProcedureContext, RefusalReason, StepEvent, Done } from './machine';
export type { RenovationState } from './renovation';
export type { MoveInState } from './move-in';
export type { MoveOutState } from './move-out';

/** The prefix of each procedure's number on its forms (入伙 RH, 装修 ZX, 迁出 QC). */
export const procedurePrefixes: Record<ProcedureKind, string> = {
  moveIn: 'RH',
  renovation: 'ZX',
  moveOut: 'QC'
};

/** A procedure's state, by kind: what the screens and the actions read. */
export type ProcedureSummary =
  | { kind: 'renovation'; state: RenovationState; stage: string; checklist: ChecklistItem[] }
  | { kind: 'moveIn'; state: MoveInState; stage: string; checklist: ChecklistItem[] }
  | { kind: 'moveOut'; state: MoveOutState; stage: string; checklist: ChecklistItem[] };

/** One line of "where it stands": a milestone (i18n `lifecycle.milestone.<key>`) and who did it when. */
export interface ChecklistItem {
  key: string;
  done?: Done;
}

const machines = { renovation, moveIn, moveOut } as const;

export function machineOf(kind: ProcedureKind): Machine<BaseState> {
  return machines[kind] as unknown as Machine<BaseState>;
}

export function contextOf(
  procedure: Pick<Procedure, 'areaM2'>,
  settings: { renovationFireApprovalAreaM2: number }
): ProcedureContext {
  return {
    areaM2: procedure.areaM2,
    fireApprovalAreaM2: settings.renovationFireApprovalAreaM2
  };
}

function renovationChecklist(s: RenovationState, ctx: ProcedureContext): ChecklistItem[] {
  const list: ChecklistItem[] = [
    { key: 'applied', done: s.steps.applied },
    {
      key: 'drawingsApproved',
      done: s.drawings === 'approved' ? s.steps.drawingsReviewed : undefined
    },
    { key: 'feesRecorded', done: s.steps.feesRecorded }
  ];
  if (needsFireApproval(ctx.areaM2, ctx.fireApprovalAreaM2))
    list.push({ key: 'fireApproved', done: s.steps.fireApproved });
  list.push(
    { key: 'permit', done: s.permit.customerService },
    {
      key: 'hiddenWorks',
      done: s.hiddenWorks === 'passed' ? s.steps.hiddenWorks : undefined
    },
    { key: 'completion', done: s.completion.customerService },
    { key: 'managerSigned', done: s.managerSigned },
    { key: 'refunded', done: s.steps.refunded }
  );
  return list;
}

function stageOf(s: BaseState, checklist: ChecklistItem[]): string {
  if (s.cancelled) return 'cancelled';
  if (s.finished) return 'completed';
  const next = checklist.find((c) => !c.done);
  return next ? `waiting.${next.key}` : 'readyToComplete';
}

/** Fold a procedure's events into where it stands (the same on every device). */
export function summarize(
  kind: ProcedureKind,
  ctx: ProcedureContext,
  events: readonly StepEvent[]
): ProcedureSummary {
  if (kind === 'renovation') {
    const state = foldSteps(renovation, ctx, events);
    return {
      kind,
      state,
      stage: renovationStage(state),
      checklist: renovationChecklist(state, ctx)
    };
  }
  if (kind === 'moveIn') {
    const state = foldSteps(moveIn, ctx, events);
    const checklist = moveInChecklist.map((key) => ({ key, done: state.steps[key] }));
    return { kind, state, stage: stageOf(state, checklist), checklist };
  }
  const state = foldSteps(moveOut, ctx, events);
  const checklist = moveOutChecklist.map((key) => ({ key, done: state.steps[key] }));
  return { kind, state, stage: stageOf(state, checklist), checklist };
}

/** Whether a step may be taken now by someone of `role`; undefined when it may. */
export function refusalOf(
  kind: ProcedureKind,
  ctx: ProcedureContext,
  summary: ProcedureSummary,
  type: string,
  data: Data,
  role?: Role
): RefusalReason | undefined {
  return checkStep(machineOf(kind), ctx, summary.state, type, data, role);
}

/** The steps that may be taken now, for the procedure page's buttons. */
export function availableSteps(
  kind: ProcedureKind,
  ctx: ProcedureContext,
  summary: ProcedureSummary
): string[] {
  const probe = (type: string): Data[] =>
    summary.kind === 'renovation'
      ? renovationProbe(type, summary.state)
      : summary.kind === 'moveIn'
        ? moveInProbe(type)
        : [{}];
  return stepsNow(machineOf(kind), ctx, summary.state, probe);
}

/** Whether a procedure is still being worked on (the lifecycle screen's open list). */
export function isOpen(summary: ProcedureSummary): boolean {
  return !summary.state.finished;
}

/** Yuan as typed at the desk ("1,234.5", "¥300") in integer fen, or undefined if it is no amount. */
export function yuanToFen(input: string | number): number | undefined {
  const text = String(input).replace(/[¥,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole, part = ''] = text.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}
