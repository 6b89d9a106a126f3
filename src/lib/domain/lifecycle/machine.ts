import type { ProcedureEvent } from '../records/lifecycle';
import { canSign, type Role, type Signer } from '../roles';

/**
 * The shared engine of the three procedures (move-in, renovation, move-out). Each procedure is
 * a table of steps: who may take a step, why it is refused at this point, and what it changes.
 * Where a procedure stands is folded from its events alone, in (at, id) order, so every device
 * derives the same state; an event that is not legal where it lands in the merged order (two
 * tablets offline) stays in the timeline, listed as ignored with its reason, and changes nothing.
 */
export type StepEvent = Pick<ProcedureEvent, 'id' | 'type' | 'at' | 'staffId' | 'data'>;

/** What the fold knows beyond the events: the procedure's own fields and the office's settings. */
export interface ProcedureContext {
  /** The unit's floor area when the procedure was opened. */
  areaM2: number;
  /** 003 §3.2.4 3.1]: above this area a renovation needs the fire authority's approval (setting). */
  fireApprovalAreaM2: number;
}

/** Why a step is refused: an i18n key under `lifecycle.refused.*`. */
export type RefusalReason =
  | 'unknownType'
  | 'notOpened'
  | 'alreadyOpened'
  | 'finished'
  | 'notAllowed'
  | 'wrongSigner'
  | 'alreadySigned'
  | 'alreadyDone'
  | 'applicationNeedsDocuments'
  | 'drawingsNotReturned'
  | 'drawingsNotUnderReview'
  | 'permitAlreadyIssued'
  | 'permitNeedsDrawingApproval'
  | 'permitNeedsFees'
  | 'permitNeedsFireApproval'
  | 'permitIssuedLast'
  | 'needsPermit'
  | 'alreadyCompleted'
  | 'completionNeedsHiddenWorks'
  | 'completionClosedLast'
  | 'needsCompletion'
  | 'alreadyApproved'
  | 'deductionsExceedDeposit'
  | 'refundNeedsManager'
  | 'refundAmountWrong'
  | 'needsIdentity'
  | 'attorneyNeedsLetter'
  | 'handbookNeedsCovenant'
  | 'keysNeedInspection'
  | 'settleNeedsInspections'
  | 'stepsMissing';

export interface Done {
  at: number;
  staffId: string;
}

/** Fields every procedure's state has; each machine adds its own. */
export interface BaseState {
  opened: boolean;
  /** Completed (or refunded), or cancelled: only notes from now on. */
  finished: boolean;
  cancelled: boolean;
  eventCount: number;
  lastEventAt?: number;
  /** Who took each kind of step, and when (the last time). */
  steps: Record<string, Done>;
  ignored: { id: string; type: string; reason: RefusalReason }[];
}

export type Data = Record<string, unknown>;

export interface StepRule<S extends BaseState> {
  /** Who may take the step (`data` for steps signed by the department named in them). */
  by: (data: Data) => readonly Signer[];
  /** Why it cannot be taken now, or undefined when it can. */
  refuse?: (s: S, data: Data, ctx: ProcedureContext) => RefusalReason | undefined;
  /** What it changes (on a copy the engine made). */
  apply?: (s: S, e: StepEvent, data: Data) => void;
  /** The first step of the procedure (opens it). */
  opens?: boolean;
  /** Ends the procedure. */
  finishes?: boolean;
}

export interface Machine<S extends BaseState> {
  initial(): S;
  rules: Record<string, StepRule<S>>;
}

export const baseState = (): BaseState => ({
  opened: false,
  finished: false,
  cancelled: false,
  eventCount: 0,
  steps: {},
  ignored: []
});

/** The order every device folds in: time, then id. */
export function compareEvents(a: StepEvent, b: StepEvent): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Whether a step may be taken now (the action's check before it writes). `role` is the
 * actor's: given, the signer is checked too; the fold leaves it out (a remote event was
 * checked on the device that wrote it, where the staff member's role was known).
 */
export function checkStep<S extends BaseState>(
  machine: Machine<S>,
  ctx: ProcedureContext,
  s: S,
  type: string,
  data: Data,
  role?: Role
): RefusalReason | undefined {
  if (!Object.hasOwn(machine.rules, type)) return 'unknownType';
  const rule = machine.rules[type];
  if (type !== 'note') {
    if (rule.opens) {
      if (s.opened) return 'alreadyOpened';
    } else if (!s.opened) return 'notOpened';
    if (s.finished) return 'finished';
  } else if (!s.opened) return 'notOpened';
  if (role !== undefined && !rule.by(data).some((signer) => canSign(role, signer)))
    return 'wrongSigner';
  return rule.refuse?.(s, data, ctx);
}

/** Apply one event to a state (returns a new state); an illegal one is kept as ignored. */
export function applyStep<S extends BaseState>(
  machine: Machine<S>,
  ctx: ProcedureContext,
  s: S,
  e: StepEvent
): S {
  const data = e.data ?? {};
  // One level deep is enough: rules replace fields, set keys of records and push to lists.
  // (A deep clone per event made a 70-step renovation's fold quadratic.)
  const next = { ...s } as S;
  for (const [key, value] of Object.entries(next) as [keyof S, unknown][]) {
    if (Array.isArray(value)) next[key] = [...value] as S[keyof S];
    else if (value !== null && typeof value === 'object') next[key] = { ...value } as S[keyof S];
  }
  next.eventCount++;
  next.lastEventAt = Math.max(s.lastEventAt ?? 0, e.at);
  const reason = checkStep(machine, ctx, s, e.type, data);
  if (reason) {
    next.ignored.push({ id: e.id, type: e.type, reason });
    return next;
  }
  const rule = machine.rules[e.type];
  next.steps[e.type] = { at: e.at, staffId: e.staffId };
  if (rule.opens) next.opened = true;
  if (rule.finishes) next.finished = true;
  if (e.type === 'cancelled') {
    next.cancelled = true;
    next.finished = true;
  }
  rule.apply?.(next, e, data);
  return next;
}

/** The state of a procedure from its events, in any order (sorted here). */
export function foldSteps<S extends BaseState>(
  machine: Machine<S>,
  ctx: ProcedureContext,
  events: readonly StepEvent[]
): S {
  let s = machine.initial();
  for (const e of [...events].sort(compareEvents)) s = applyStep(machine, ctx, s, e);
  return s;
}

/** The steps that may be taken now (the page's buttons), in table order; `probe` gives sample data. */
export function stepsNow<S extends BaseState>(
  machine: Machine<S>,
  ctx: ProcedureContext,
  s: S,
  probe: (type: string) => Data[] = () => [{}]
): string[] {
  return Object.keys(machine.rules).filter(
    (type) =>
      type !== 'note' &&
      probe(type).some((data) => checkStep(machine, ctx, s, type, data) === undefined)
  );
}

export const cancelRule = <S extends BaseState>(): StepRule<S> => ({
  by: () => ['customerService']
});
export const noteRule = <S extends BaseState>(): StepRule<S> => ({
  by: () => ['customerService', 'engineering', 'security', 'finance', 'manager']
});

export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
