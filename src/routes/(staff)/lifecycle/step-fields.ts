import type { ProcedureKind } from '$lib/domain/records/lifecycle';
import {
  completionParties,
  facilityItems,
  handbookItems,
  moveInDocuments,
  renovationDocuments,
  signingDepartments
} from '$lib/domain/lifecycle/event-data';
import { occupancyRoles } from '$lib/domain/records/occupancy';

/**
 * The fields each step's form asks for, so one dialog draws every step of the three
 * procedures. Labels are `lifecycle.field.<name>`; choices `lifecycle.option.<options>.<value>`.
 * Money is typed in yuan and stored in fen; a signature is drawn on the tablet.
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'date'
  | 'select'
  | 'checks'
  | 'yesNo'
  | 'photos'
  | 'signature'
  | 'lines';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  optional?: boolean;
  /** Choices of a select or checks: their values; labels under `lifecycle.option.<group>.*`. */
  options?: readonly string[];
  group?: string;
}

const f = (name: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  kind,
  ...extra
});
const sig = f('signature', 'signature');

export const stepFields: Record<ProcedureKind, Record<string, FieldSpec[]>> = {
  renovation: {
    applied: [
      f('docs', 'checks', { options: renovationDocuments, group: 'doc' }),
      f('materials', 'textarea'),
      f('photos', 'photos', { optional: true })
    ],
    drawingsSubmitted: [f('note', 'textarea', { optional: true })],
    drawingsReviewed: [
      f('approved', 'yesNo', { group: 'review' }),
      f('reasons', 'textarea', { optional: true })
    ],
    feesRecorded: [
      f('feeFen', 'money'),
      f('depositFen', 'money'),
      f('insuranceFen', 'money'),
      f('insurancePolicy', 'text'),
      f('receiptNo', 'text')
    ],
    fireApproved: [f('receiptNo', 'text')],
    permitSigned: [
      f('department', 'select', { options: signingDepartments, group: 'department' }),
      sig
    ],
    workerPass: [
      f('name', 'text'),
      f('idNumber', 'text', { optional: true }),
      f('from', 'date'),
      f('to', 'date')
    ],
    hotWorkPermit: [f('work', 'text'), f('holder', 'text'), f('from', 'date'), f('to', 'date')],
    inspection: [
      f('department', 'select', { options: signingDepartments, group: 'department' }),
      f('ok', 'yesNo', { group: 'ok' }),
      f('findings', 'textarea'),
      f('photos', 'photos', { optional: true })
    ],
    hiddenWorks: [
      f('passed', 'yesNo', { group: 'passed' }),
      f('note', 'textarea', { optional: true })
    ],
    completionSigned: [
      f('party', 'select', { options: completionParties, group: 'party' }),
      sig,
      f('opinion', 'textarea', { optional: true })
    ],
    deduction: [f('amountFen', 'money'), f('reason', 'textarea')],
    managerSigned: [sig],
    refunded: [f('receiptNo', 'text', { optional: true })],
    cancelled: [f('reason', 'textarea')],
    note: [f('text', 'textarea')]
  },
  moveIn: {
    identityChecked: [
      f('method', 'select', { options: ['self', 'attorney'], group: 'method' }),
      f('attorneyName', 'text', { optional: true })
    ],
    documentsReceived: [
      f('docs', 'checks', { options: moveInDocuments, group: 'doc' }),
      f('photos', 'photos', { optional: true })
    ],
    handbookSigned: [f('items', 'checks', { options: handbookItems, group: 'item' }), sig],
    firePledgeSigned: [sig],
    registered: [
      f('name', 'text'),
      f('phone', 'text'),
      f('idNumber', 'text', { optional: true }),
      f('role', 'select', { options: occupancyRoles, group: 'role' })
    ],
    inspected: [
      f('electricity', 'number'),
      f('water', 'number'),
      f('gas', 'number', { optional: true }),
      f('checked', 'checks', { options: facilityItems, group: 'facility' }),
      f('defects', 'lines', { optional: true }),
      f('customerSignature', 'signature'),
      f('engineeringSignature', 'signature'),
      f('customerServiceSignature', 'signature')
    ],
    keysReceived: [f('keys', 'number'), sig],
    completed: [],
    cancelled: [f('reason', 'textarea')],
    note: [f('text', 'textarea')]
  },
  moveOut: {
    passesReturned: [f('passes', 'number'), f('keys', 'number')],
    engineeringInspected: [
      f('electricity', 'number'),
      f('water', 'number'),
      f('damage', 'textarea', { optional: true }),
      f('damageFen', 'money'),
      sig
    ],
    securityInspected: [
      f('fireEquipmentOk', 'yesNo', { group: 'ok' }),
      f('note', 'textarea', { optional: true }),
      f('damageFen', 'money'),
      sig
    ],
    settled: [
      f('direction', 'select', { options: ['refund', 'charge', 'none'], group: 'direction' }),
      f('amountFen', 'money'),
      f('receiptNo', 'text', { optional: true })
    ],
    parkingReturned: [f('parkingCards', 'number'), f('customerCards', 'number')],
    forwardingRecorded: [f('address', 'text'), f('phone', 'text')],
    completed: [],
    cancelled: [f('reason', 'textarea')],
    note: [f('text', 'textarea')]
  }
};

export function fieldsOf(kind: ProcedureKind, type: string): FieldSpec[] {
  return stepFields[kind][type] ?? [];
}
