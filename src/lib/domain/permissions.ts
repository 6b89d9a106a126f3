import { roles, writeGrants, type Role, type WriteAction } from './roles';
import { tableNames, type TableName } from './table-names';
import { eventTypes, isEventType, type EventType } from './tickets/event-data';

/**
 * The office's permission table: role × action, one place, checked by the one write path
 * (lib/db/write.ts) for a local change and by the apply path for a change received from
 * another device, and shown read-only in 设置 → 权限. An action is either a write to a
 * table (create / update / delete, `writeGrants` in roles.ts) or, for a request's
 * timeline, one workflow step: a `ticketEvent` row is a step, so writing one is allowed
 * only to the roles that may take that step (a greening worker reports a result but never
 * voids a repair).
 */

const desk: readonly Role[] = ['manager', 'supervisor', 'frontDesk'];
const heads: readonly Role[] = ['manager', 'supervisor'];
/** The departments requests are dispatched to (DOMAIN "Who uses it"). */
const departmentsDoing: readonly Role[] = ['engineer', 'security', 'cleaning', 'greening'];
const everyone: readonly Role[] = roles;

export interface StepGrant {
  roles: readonly Role[];
  /** Where the manual puts the step in these hands (shown in docs, never in the UI). */
  source: string;
}

/** Who may take each workflow step of a request. */
export const stepGrants: Record<EventType, StepGrant> = {
  recorded: { roles: desk, source: '003 §3.3.4 item 1, §3.4.4 item 1' },
  dispatched: { roles: desk, source: '003 §3.4.4 items 2–3' },
  reassigned: { roles: [...desk, 'engineer'], source: '003 §3.4.4 item 3' },
  accepted: { roles: [...desk, ...departmentsDoing], source: '003 §3.4.4 item 3' },
  arrived: { roles: [...desk, ...departmentsDoing], source: '003 §3.4.4 item 4; 004' },
  done: { roles: [...desk, ...departmentsDoing], source: '003 §3.4.4 items 6–7' },
  ownerSigned: { roles: [...desk, ...departmentsDoing], source: '003 §3.4.4 item 8' },
  // 回访 is the customer-service centre's (003 §3.4.4 item 9; 004 return-visit rate).
  returnVisit: { roles: desk, source: '003 §3.4.4 item 9; 004' },
  rated: { roles: desk, source: '004' },
  reopened: { roles: desk, source: '003 §3.4' },
  closed: { roles: desk, source: '003 §3.3.4 item 6, §3.4.4 item 10' },
  reviewRequested: { roles: [...desk, 'engineer'], source: '003 §3.4.4 item 5' },
  // The engineering supervisor decides items outside the service list.
  reviewed: { roles: [...heads, 'engineer'], source: '003 §3.4.4 item 5' },
  verified: { roles: desk, source: '003 §3.3.4 item 2' },
  assigned: { roles: desk, source: '003 §3.3.4 item 3' },
  // The department reports what it did about a complaint.
  result: { roles: [...desk, ...departmentsDoing, 'finance'], source: '003 §3.3.4 item 4' },
  headSigned: { roles: [...roles], source: '003 §3.3.4 item 5' },
  // Marking a complaint malicious is a judgement for the supervisor or manager (001).
  markedMalicious: { roles: heads, source: '001; 003 §3.3.4 item 6' },
  feeNoticeSigned: { roles: desk, source: '003 §3.12.4 item 2' },
  serviceDone: { roles: [...desk, ...departmentsDoing], source: '003 §3.12.4 item 3' },
  paid: { roles: [...desk, 'finance'], source: '003 §3.12.4 item 4' },
  rework: { roles: desk, source: '003 §3.12.4 item 4' },
  handedOver: { roles: [...desk, 'finance'], source: '003 §3.12.4 item 4' },
  answered: { roles: desk, source: '003 §3.5' },
  deferred: { roles: desk, source: 'issue 6 §6' },
  resumed: { roles: desk, source: 'issue 6 §6' },
  note: { roles: everyone, source: 'DOMAIN "Service requests": timeline' },
  photoAdded: { roles: everyone, source: 'DOMAIN "Service requests": photos' },
  // 作废: only the desk that recorded a request voids it; departments never do.
  cancelled: { roles: desk, source: '003 §3.4.4, §3.3.4' }
};

/** What the role table governs. */
export type Action =
  | { kind: 'write'; table: TableName; op: WriteAction }
  | { kind: 'step'; type: EventType }
  /** A step of a newer app version this one does not know: the desk's to take. */
  | { kind: 'unknownStep' };

/** A change as the write path or the apply path sees it. */
export interface Attempt {
  table: TableName;
  op: WriteAction;
  /** The fields written (a create's row, an update's patch, a received op's fields). */
  fields?: Readonly<Record<string, unknown>>;
}

/** The action a change performs: a new `ticketEvent` is the step of its `type`. */
export function actionOf(attempt: Attempt): Action {
  if (attempt.table === 'ticketEvent' && attempt.op === 'create') {
    const type = attempt.fields?.type;
    if (typeof type === 'string') {
      return isEventType(type) ? { kind: 'step', type } : { kind: 'unknownStep' };
    }
  }
  return { kind: 'write', table: attempt.table, op: attempt.op };
}

export function allows(role: Role, action: Action): boolean {
  switch (action.kind) {
    case 'write':
      return writeGrants[role][action.table]?.includes(action.op) ?? false;
    case 'step':
      return (
        (writeGrants[role].ticketEvent?.includes('create') ?? false) &&
        stepGrants[action.type].roles.includes(role)
      );
    case 'unknownStep':
      return desk.includes(role);
  }
}

/**
 * THE check: may this role make this change? The write path calls it for every change of a
 * local write; the apply path calls it for every row op received from another device, with
 * the role its author held.
 */
export function permits(role: Role, attempt: Attempt): boolean {
  if (attempt.table === 'ticketEvent' && attempt.op === 'create' && !attempt.fields) {
    // A step of unknown type: the table-level grant is not enough.
    return allows(role, { kind: 'unknownStep' });
  }
  return allows(role, actionOf(attempt));
}

/** Whether the role may take a request's step (the request page's buttons). */
export function mayTakeStep(role: Role, type: EventType): boolean {
  return allows(role, { kind: 'step', type });
}

/** Every action of the table, in a stable order: the settings page and the role-matrix test. */
export function everyAction(): Action[] {
  const ops: WriteAction[] = ['create', 'update', 'delete'];
  return [
    ...tableNames.flatMap((table) => ops.map((op): Action => ({ kind: 'write', table, op }))),
    ...eventTypes.map((type): Action => ({ kind: 'step', type }))
  ];
}

/**
 * The attempt a received row op makes: a delete when it sets `deleted`, an update of a row
 * the device already holds, else a create.
 */
export function attemptOfRowOp(
  table: TableName,
  fields: Readonly<Record<string, unknown>>,
  rowExists: boolean
): Attempt {
  const op: WriteAction = fields.deleted === true ? 'delete' : rowExists ? 'update' : 'create';
  return { table, op, fields };
}
