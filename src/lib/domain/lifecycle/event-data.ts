import { z } from 'zod';
import { blobHash } from '../records/ticket';
import type { ProcedureKind } from '../records/lifecycle';

/**
 * What each step of each procedure carries (its `data`), by procedure and type. Money is
 * in integer fen (分): no float ever adds up a deposit. Rule sources are next to the steps
 * in move-in.ts, renovation.ts and move-out.ts.
 */
const text = (max: number) =>
  z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong').optional();
/** An amount of money in fen: a whole, non-negative number up to ¥10,000,000. */
export const fen = z
  .number('validation.number')
  .int('validation.integer')
  .min(0, 'validation.tooSmall')
  .max(1_000_000_000, 'validation.tooBig');
const day = z.iso.date('validation.date');
const count = z
  .number('validation.number')
  .int('validation.integer')
  .min(0, 'validation.tooSmall')
  .max(999, 'validation.tooBig');
const reading = z
  .number('validation.number')
  .min(0, 'validation.tooSmall')
  .max(100_000_000, 'validation.tooBig');
const signature = blobHash;
const photos = z.array(blobHash).max(12, 'validation.tooMany').default([]);
const datesInOrder = (d: { from: string; to: string }) => d.to >= d.from;
const datesIssue = { path: ['to'], message: 'validation.endBeforeStart' };

/** The departments that sign the forms (003 §3.2.4: 客服部、工程部、保安部). */
export const signingDepartments = ['customerService', 'engineering', 'security'] as const;
export type SigningDepartment = (typeof signingDepartments)[number];
/** Who signs the completion acceptance: each department, the customer and the contractor (003 §3.2.4 5.4]). */
export const completionParties = [...signingDepartments, 'customer', 'contractor'] as const;
export type CompletionParty = (typeof completionParties)[number];

/** Papers the contractor hands in with a renovation application (003 §3.2.4 1.1]). */
export const renovationDocuments = [
  'contract',
  'contractorLicence',
  'businessLicence',
  'materialList'
] as const;
/** Papers a move-in customer shows (003 §3.1.4 2.). */
export const moveInDocuments = [
  'idCopy',
  'businessLicence',
  'powerOfAttorney',
  'attorneyId'
] as const;
/** What the desk hands over at move-in (003 §3.1.4 2. 3]). */
export const handbookItems = [
  'qualityGuarantee',
  'buildingManual',
  'userHandbook',
  'covenant'
] as const;
/** The 单元设备核对表 (003 §3.1.4 3. 3]): the office may list others; these are the usual. */
export const facilityItems = [
  'doors',
  'windows',
  'walls',
  'floor',
  'electrics',
  'plumbing',
  'airConditioning',
  'intercom'
] as const;

const note = z.object({ text: text(2000) });
const cancelled = z.object({ reason: text(500) });

const renovation = {
  applied: z.object({
    docs: z.array(z.enum(renovationDocuments)).default([]),
    materials: text(1000),
    photos
  }),
  drawingsSubmitted: z.object({ note: optionalText(500) }),
  drawingsReviewed: z
    .object({ approved: z.boolean(), reasons: optionalText(1000) })
    .refine((d) => d.approved || !!d.reasons, {
      path: ['reasons'],
      message: 'lifecycle.validation.reworkReason'
    }),
  feesRecorded: z.object({
    feeFen: fen,
    depositFen: fen,
    insuranceFen: fen,
    insurancePolicy: text(60),
    receiptNo: text(60)
  }),
  fireApproved: z.object({ receiptNo: text(60) }),
  permitSigned: z.object({
    department: z.enum(signingDepartments, 'validation.choose'),
    signature,
    /** Set by the action on the issuing signature: what the unit shows again at completion. */
    unitStatusBefore: z.enum(['vacant', 'occupied', 'renovating']).optional()
  }),
  workerPass: z
    .object({ name: text(60), idNumber: optionalText(30), from: day, to: day })
    .refine(datesInOrder, datesIssue),
  hotWorkPermit: z
    .object({ work: text(200), holder: text(60), from: day, to: day })
    .refine(datesInOrder, datesIssue),
  inspection: z.object({
    department: z.enum(signingDepartments, 'validation.choose'),
    ok: z.boolean(),
    findings: text(1000),
    photos
  }),
  hiddenWorks: z.object({ passed: z.boolean(), note: optionalText(500) }),
  completionSigned: z.object({
    party: z.enum(completionParties, 'validation.choose'),
    signature,
    opinion: optionalText(500)
  }),
  deduction: z.object({
    amountFen: fen.min(1, 'validation.greaterThan'),
    reason: text(500)
  }),
  managerSigned: z.object({ signature }),
  /** The amount is the deposit less the deductions: the action fills it in. */
  refunded: z.object({ amountFen: fen.optional(), receiptNo: optionalText(60) }),
  cancelled,
  note
};

const moveIn = {
  opened: z.object({}),
  identityChecked: z
    .object({ method: z.enum(['self', 'attorney']), attorneyName: optionalText(60) })
    .refine((d) => d.method === 'self' || !!d.attorneyName, {
      path: ['attorneyName'],
      message: 'validation.required'
    }),
  documentsReceived: z.object({
    docs: z.array(z.enum(moveInDocuments)).min(1, 'validation.choose'),
    photos
  }),
  handbookSigned: z.object({ items: z.array(z.enum(handbookItems)).default([]), signature }),
  firePledgeSigned: z.object({ signature }),
  /** The customer registration 客户档案登记表: the person and role the action wrote. */
  registered: z.object({ personId: z.string().min(1), occupancyId: z.string().min(1) }),
  inspected: z.object({
    electricity: reading,
    water: reading,
    gas: reading.optional(),
    customerSignature: signature,
    engineeringSignature: signature,
    customerServiceSignature: signature,
    /** The facility checklist: the items found in order. */
    checked: z.array(z.enum(facilityItems)).default([]),
    defects: z.array(text(200)).max(30, 'validation.tooMany').default([]),
    /** The repair requests the defects became (one each, to engineering). */
    ticketIds: z.array(z.string().min(1)).default([])
  }),
  keysReceived: z.object({ keys: count.min(1, 'validation.tooSmall'), signature }),
  completed: z.object({}),
  cancelled,
  note
};

const moveOut = {
  applied: z.object({ plannedDate: day.optional(), reason: optionalText(500) }),
  passesReturned: z.object({ passes: count, keys: count }),
  engineeringInspected: z.object({
    electricity: reading,
    water: reading,
    damage: optionalText(500),
    damageFen: fen,
    signature
  }),
  securityInspected: z.object({
    fireEquipmentOk: z.boolean(),
    note: optionalText(500),
    damageFen: fen,
    signature
  }),
  settled: z.object({
    direction: z.enum(['refund', 'charge', 'none']),
    amountFen: fen,
    receiptNo: optionalText(60)
  }),
  parkingReturned: z.object({ parkingCards: count, customerCards: count }),
  forwardingRecorded: z.object({ address: text(200), phone: text(30) }),
  /** The day the unit is vacant from: the action fills in the office's today. */
  completed: z.object({ date: day.optional() }),
  cancelled,
  note
};

export const eventData = { renovation, moveIn, moveOut } as const satisfies Record<
  ProcedureKind,
  Record<string, z.ZodType>
>;

export type EventTypeOf<K extends ProcedureKind> = keyof (typeof eventData)[K] & string;
export type AnyEventType =
  EventTypeOf<'renovation'> | EventTypeOf<'moveIn'> | EventTypeOf<'moveOut'>;

export function isEventType(kind: ProcedureKind, type: string): boolean {
  return Object.hasOwn(eventData[kind], type);
}

/** The schema of one step's data, or undefined for a type this version does not know. */
export function schemaOf(kind: ProcedureKind, type: string): z.ZodType | undefined {
  const map = eventData[kind] as Record<string, z.ZodType>;
  return Object.hasOwn(map, type) ? map[type] : undefined;
}
