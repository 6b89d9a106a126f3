import { z } from 'zod';
import { withoutClocks } from '$lib/domain/ops';
import { zonedDate } from '$lib/domain/calendar/zoned';
import { procedureKinds, type Procedure, type ProcedureKind } from '$lib/domain/records/lifecycle';
import { occupancyRoles, type Occupancy } from '$lib/domain/records/occupancy';
import { mobilePhone } from '$lib/domain/record';
import type { Unit } from '$lib/domain/records/unit';
import { schemaOf } from '$lib/domain/lifecycle/event-data';
import {
  contextOf,
  procedurePrefixes,
  refusalOf,
  summarize,
  type ProcedureSummary,
  type StepEvent
} from '$lib/domain/lifecycle';
import { refundDue } from '$lib/domain/lifecycle/renovation';
import { sequenceOf } from '$lib/domain/tickets/numbers';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { newId } from '../ids';
import { commitScope } from '../commit';
import { write, type Actor, type Change } from '../write';
import { WriteError, refusedWhole } from '../write-error';
import { getSettings } from '../queries/office';
import { recordIntake, thisDeviceLetter } from './tickets';

export interface LifecycleWriteOptions {
  db?: GuanjiaDexie;
  /** Wall clock, for tests. */
  now?: number;
}

// The commit's own scope (derived tables included: unit, person and occupancy feed the visit
// history), so the write() inside this transaction never needs a table the parent lacks.
const scope = (db: GuanjiaDexie) =>
  commitScope(db, ['lifecycle', 'lifecycleEvent', 'unit', 'person', 'occupancy'], 'local');

/** What the desk fills in to open a procedure. */
export const openForm = z.object({
  kind: z.enum(procedureKinds, 'validation.choose'),
  unitId: z.string().min(1, 'lifecycle.validation.unit'),
  personId: z.string().optional(),
  applicant: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[\d\s+()-]*$/, 'validation.phone')
    .default(''),
  contractor: z.string().trim().max(100, 'validation.tooLong').default('')
});
export type OpenForm = z.input<typeof openForm>;

/** A refused step: the message key says why (`lifecycle.refused.needsPermit`). */
function refused(reason: string): WriteError {
  return new WriteError('invalid', [
    { change: 0, path: [], message: `lifecycle.refused.${reason}`, code: 'illegalTransition' }
  ]);
}

/** The first step of each procedure (it opens it). */
const opening: Record<ProcedureKind, string> = {
  moveIn: 'opened',
  renovation: 'applied',
  moveOut: 'applied'
};

/**
 * Open a move-in, renovation or move-out for a unit: the procedure and its first step in one
 * write, numbered ZX-20261205-A001 by the office's date and this device (unique offline).
 * The first step's data (a renovation's papers) is checked like any step's.
 */
export async function openProcedure(
  actor: Actor,
  input: OpenForm,
  first: Record<string, unknown> = {},
  options: LifecycleWriteOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const form = parseForm(openForm, input);
  const type = opening[form.kind];
  const data = parseForm(schemaOf(form.kind, type) ?? z.object({}), first) as Record<
    string,
    unknown
  >;
  const settings = await getSettings(db);
  const today = zonedDate(now, settings.timeZone);
  const letter = await thisDeviceLetter(db);
  const id = newId(now);

  return db.transaction('rw', scope(db), async () => {
    const unit = await db.unit.get(form.unitId);
    if (!unit || unit.deleted) throw refusedWhole('notFound');
    const ctx = {
      areaM2: Number(unit.areaM2),
      fireApprovalAreaM2: settings.renovationFireApprovalAreaM2
    };
    const reason = refusalOf(form.kind, ctx, summarize(form.kind, ctx, []), type, data, actor.role);
    if (reason) throw refused(reason);
    // The day's sequence of this kind on this device.
    const prefix = `${procedurePrefixes[form.kind]}-${today.replaceAll('-', '')}-`;
    let last = 0;
    // Few procedures a day: a scan of the table's numbers is cheap.
    await db.lifecycle.each((p) => {
      const n = String(p.number);
      if (n.startsWith(prefix)) last = Math.max(last, sequenceOf(n, letter));
    });
    const procedure = {
      id,
      kind: form.kind,
      communityId: String(unit.communityId),
      unitId: form.unitId,
      personId: form.personId || undefined,
      applicant: form.applicant,
      phone: form.phone,
      number: `${prefix}${letter}${String(last + 1).padStart(3, '0')}`,
      areaM2: Number(unit.areaM2),
      contractor: form.contractor
    };
    await write(
      actor,
      [
        { op: 'create', table: 'lifecycle', value: procedure },
        {
          op: 'create',
          table: 'lifecycleEvent',
          value: { procedureId: id, type, at: now, staffId: actor.staffId, data }
        }
      ],
      { db, now }
    );
    return id;
  });
}

interface Loaded {
  procedure: Procedure;
  events: StepEvent[];
  summary: ProcedureSummary;
  ctx: ReturnType<typeof contextOf>;
  unit: Unit;
}

async function load(db: GuanjiaDexie, id: string, fireApprovalAreaM2: number): Promise<Loaded> {
  const row = await db.lifecycle.get(id);
  if (!row || row.deleted) throw refusedWhole('notFound');
  const procedure = withoutClocks(row) as unknown as Procedure;
  const unitRow = await db.unit.get(procedure.unitId);
  if (!unitRow) throw refusedWhole('notFound');
  const events = (await db.lifecycleEvent.where('procedureId').equals(id).toArray())
    .filter((e) => !e.deleted)
    .map((e) => withoutClocks(e) as unknown as StepEvent);
  const ctx = contextOf(procedure, { renovationFireApprovalAreaM2: fireApprovalAreaM2 });
  return {
    procedure,
    events,
    summary: summarize(procedure.kind, ctx, events),
    ctx,
    unit: withoutClocks(unitRow) as unknown as Unit
  };
}

/**
 * Check a step against where the procedure stands and write it with whatever it changes
 * elsewhere (the unit's status, the archive), all in one transaction: an illegal step is
 * refused with its reason and nothing is written.
 */
async function commitStep(
  actor: Actor,
  id: string,
  type: string,
  data: Record<string, unknown>,
  options: LifecycleWriteOptions,
  extra: (
    l: Loaded,
    data: Record<string, unknown>,
    today: string
  ) => Change[] | Promise<Change[]> = () => []
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const settings = await getSettings(db);
  const today = zonedDate(now, settings.timeZone);
  return db.transaction('rw', scope(db), async () => {
    const l = await load(db, id, settings.renovationFireApprovalAreaM2);
    const kind = l.procedure.kind;
    const s = l.summary;
    // What the step sets from the records rather than the form.
    if (kind === 'renovation' && s.kind === 'renovation') {
      if (type === 'refunded') data = { ...data, amountFen: refundDue(s.state) };
      if (type === 'permitSigned' && data.department === 'customerService')
        data = { ...data, unitStatusBefore: l.unit.status };
    }
    if (type === 'completed' && kind === 'moveOut') data = { ...data, date: today };
    const reason = refusalOf(kind, l.ctx, s, type, data, actor.role);
    if (reason) throw refused(reason);

    const unitStatus = (status: Unit['status']): Change[] =>
      l.unit.status === status
        ? []
        : [{ op: 'update', table: 'unit', id: l.unit.id, patch: { status } }];
    const changes: Change[] = [];
    // 003 §3.2.4 3.2]–4.1]: from the permit the unit shows 装修中…
    if (kind === 'renovation' && type === 'permitSigned' && data.department === 'customerService')
      changes.push(...unitStatus('renovating'));
    // …until the completion acceptance; then what it was before.
    if (kind === 'renovation' && type === 'completionSigned' && data.party === 'customerService') {
      const before = s.kind === 'renovation' ? s.state.unitStatusBefore : undefined;
      changes.push(...unitStatus(before === 'vacant' ? 'vacant' : 'occupied'));
    }
    // 003 §3.1.4 3. 6]: moved in.
    if (kind === 'moveIn' && type === 'completed') changes.push(...unitStatus('occupied'));
    // 003 §3.13.4 5.: vacant; the people's roles on the unit end, the archive keeps them.
    if (kind === 'moveOut' && type === 'completed') {
      changes.push(...unitStatus('vacant'));
      const roles = (await db.occupancy.where('unitId').equals(l.unit.id).toArray())
        .filter((o) => !o.deleted)
        .map((o) => withoutClocks(o) as unknown as Occupancy)
        .filter((o) => o.to === undefined || o.to > today);
      for (const o of roles)
        changes.push({
          op: 'update',
          table: 'occupancy',
          id: o.id,
          patch: { to: o.from > today ? o.from : today }
        });
    }
    changes.push(...(await extra(l, data, today)));

    // A step is never recorded before the last one (a tablet whose clock is behind).
    const at = Math.max(now, (s.state.lastEventAt ?? 0) + 1);
    const [eventId] = await write(
      actor,
      [
        {
          op: 'create',
          table: 'lifecycleEvent',
          value: { procedureId: id, type, at, staffId: actor.staffId, data }
        },
        ...changes
      ],
      { db, now }
    );
    return eventId;
  });
}

/** Record one step of a procedure (its form's data, checked by the step's schema first). */
export async function recordProcedureStep(
  actor: Actor,
  id: string,
  type: string,
  input: Record<string, unknown>,
  options: LifecycleWriteOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const row = await db.lifecycle.get(id);
  if (!row || row.deleted) throw refusedWhole('notFound');
  const kind = row.kind as ProcedureKind;
  if (type === 'registered' || type === 'inspected') throw refused('notAllowed');
  const schema = schemaOf(kind, type);
  if (!schema) throw refused('unknownType');
  const data = parseForm(schema, input) as Record<string, unknown>;
  return commitStep(actor, id, type, data, options);
}

/** The 客户档案登记表 of a move-in (003 §3.1.4 2. 4]): who, and their role on the unit. */
export const registrationForm = z.object({
  name: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  phone: mobilePhone,
  idNumber: z.string().trim().max(30, 'validation.tooLong').optional(),
  role: z.enum(occupancyRoles, 'validation.choose'),
  kind: z.enum(['person', 'company']).default('person')
});
export type RegistrationForm = z.input<typeof registrationForm>;

/**
 * The customer registered into the archive on the way in: the person, their role on the
 * unit from today, and the step, in one write.
 */
export async function registerCustomer(
  actor: Actor,
  id: string,
  input: RegistrationForm,
  options: LifecycleWriteOptions = {}
): Promise<string> {
  const form = parseForm(registrationForm, input);
  const personId = newId(options.now);
  const occupancyId = newId(options.now);
  return commitStep(actor, id, 'registered', { personId, occupancyId }, options, (l, _, today) => [
    {
      op: 'create',
      table: 'person',
      value: {
        id: personId,
        kind: form.kind,
        name: form.name,
        phones: [form.phone],
        idNumber: form.idNumber || undefined
      }
    },
    {
      op: 'create',
      table: 'occupancy',
      value: { id: occupancyId, unitId: l.unit.id, personId, role: form.role, from: today }
    },
    { op: 'update', table: 'lifecycle', id, patch: { personId } }
  ]);
}

/** The joint inspection of a move-in, as the desk fills it (defects as typed, one a line). */
export const inspectionForm = z.object({
  electricity: z.number('validation.number').min(0, 'validation.tooSmall'),
  water: z.number('validation.number').min(0, 'validation.tooSmall'),
  gas: z.number('validation.number').min(0, 'validation.tooSmall').optional(),
  customerSignature: z
    .string({ error: 'lifecycle.validation.signature' })
    .regex(/^[0-9a-f]{64}$/, 'lifecycle.validation.signature'),
  engineeringSignature: z
    .string({ error: 'lifecycle.validation.signature' })
    .regex(/^[0-9a-f]{64}$/, 'lifecycle.validation.signature'),
  customerServiceSignature: z
    .string({ error: 'lifecycle.validation.signature' })
    .regex(/^[0-9a-f]{64}$/, 'lifecycle.validation.signature'),
  checked: z.array(z.string()).default([]),
  defects: z.array(z.string().trim().max(200, 'validation.tooLong')).default([])
});
export type InspectionForm = z.input<typeof inspectionForm>;

/**
 * The joint inspection of a move-in (003 §3.1.4 3.): meters signed by the customer,
 * engineering and customer service, the facility checklist, and every defect handed to
 * engineering as a repair request (the 遗漏缺陷工程申报表). The step is checked before any
 * request is made; the requests are written first (each numbered as a request is), then
 * the step that lists them.
 */
export async function inspectMoveIn(
  actor: Actor,
  id: string,
  input: InspectionForm,
  options: LifecycleWriteOptions = {}
): Promise<{ eventId: string; ticketIds: string[] }> {
  const db = options.db ?? database();
  const form = parseForm(inspectionForm, input);
  const defects = form.defects.filter(Boolean);
  const data = parseForm(schemaOf('moveIn', 'inspected') ?? z.object({}), {
    ...form,
    defects
  }) as Record<string, unknown>;
  const settings = await getSettings(db);
  const l = await load(db, id, settings.renovationFireApprovalAreaM2);
  const reason = refusalOf('moveIn', l.ctx, l.summary, 'inspected', data, actor.role);
  if (reason) throw refused(reason);
  const ticketIds: string[] = [];
  for (const [i, content] of defects.entries())
    ticketIds.push(
      await recordIntake(
        actor,
        {
          kind: 'repair',
          channel: 'visit',
          communityId: l.procedure.communityId,
          unitId: l.procedure.unitId,
          personId: l.procedure.personId,
          callerName: l.procedure.applicant,
          callerPhone: l.procedure.phone,
          content,
          dispatchTo: 'engineering'
        },
        { db, now: options.now === undefined ? undefined : options.now + i }
      )
    );
  const eventId = await commitStep(actor, id, 'inspected', { ...data, ticketIds }, options);
  return { eventId, ticketIds };
}
