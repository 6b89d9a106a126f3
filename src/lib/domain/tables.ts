import type { z } from 'zod';
import type { TableName } from './table-names';
import { officeSchema } from './records/office';
import { settingsSchema } from './records/settings';
import { staffSchema } from './records/staff';
import { communitySchema } from './records/community';
import { buildingSchema } from './records/building';
import { unitSchema } from './records/unit';
import { personSchema } from './records/person';
import { occupancySchema } from './records/occupancy';
import { ticketSchema, ticketEventSchema } from './records/ticket';
import { ticketCategorySchema } from './records/ticket-category';
import { incidentSchema, incidentCallSchema } from './records/incident';
import { houseHealthEntrySchema } from './records/house-health';
import { segmentTagSchema } from './records/segment-tag';
import { sensitiveRevealSchema } from './records/sensitive-reveal';
import { shiftSchema } from './records/shift';
import { handoverEventSchema } from './records/handover';
import { noticeSchema, noticeToldSchema, noticeTemplateSchema } from './records/notice';
import { deviceSchema } from './records/device';
import { visitPlanSchema } from './records/visit-plan';
import { visitAssignmentSchema } from './records/visit-assignment';
import { visitAppointmentSchema } from './records/visit-appointment';
import { visitRecordSchema } from './records/visit-record';
import { visitRouteSchema } from './records/visit-route';
import { visitSummarySchema } from './records/visit-summary';
import { liaisonLetterSchema } from './records/liaison-letter';
import { lifecycleSchema, lifecycleEventSchema } from './records/lifecycle';
import { registerEntrySchema } from './records/register-entry';
import { crmPlanSchema } from './records/crm-plan';
import { planTaskSchema } from './records/crm-plan-task';
import { feeItemSchema } from './records/fee-item';
import { feeRateSchema } from './records/fee-rate';
import { billSchema } from './records/bill';
import { billAdjustmentSchema } from './records/bill-adjustment';
import { paymentSchema } from './records/payment';
import { feeContactSchema } from './records/fee-contact';
import { surveySchema } from './records/survey';
import { surveyAnswerSchema } from './records/survey-answer';
import { surveyActionSchema } from './records/survey-action';
import { ownerLinkSchema } from './records/owner-link';
import { ownerSubmissionSchema } from './records/owner-submission';

export { tableNames, type TableName } from './table-names';

/** The schema that validates every row of each table before the write path stores it. */
export const tableSchemas = {
  office: officeSchema,
  settings: settingsSchema,
  staff: staffSchema,
  community: communitySchema,
  building: buildingSchema,
  unit: unitSchema,
  person: personSchema,
  occupancy: occupancySchema,
  ticket: ticketSchema,
  ticketEvent: ticketEventSchema,
  ticketCategory: ticketCategorySchema,
  incident: incidentSchema,
  incidentCall: incidentCallSchema,
  houseHealthEntry: houseHealthEntrySchema,
  segmentTag: segmentTagSchema,
  sensitiveReveal: sensitiveRevealSchema,
  shift: shiftSchema,
  handoverEvent: handoverEventSchema,
  notice: noticeSchema,
  noticeTold: noticeToldSchema,
  noticeTemplate: noticeTemplateSchema,
  device: deviceSchema,
  visitPlan: visitPlanSchema,
  visitAssignment: visitAssignmentSchema,
  visitAppointment: visitAppointmentSchema,
  visitRecord: visitRecordSchema,
  visitRoute: visitRouteSchema,
  visitSummary: visitSummarySchema,
  liaisonLetter: liaisonLetterSchema,
  lifecycle: lifecycleSchema,
  lifecycleEvent: lifecycleEventSchema,
  registerEntry: registerEntrySchema,
  crmPlan: crmPlanSchema,
  planTask: planTaskSchema,
  feeItem: feeItemSchema,
  feeRate: feeRateSchema,
  bill: billSchema,
  billAdjustment: billAdjustmentSchema,
  payment: paymentSchema,
  feeContact: feeContactSchema,
  survey: surveySchema,
  surveyAnswer: surveyAnswerSchema,
  surveyAction: surveyActionSchema,
  ownerLink: ownerLinkSchema,
  ownerSubmission: ownerSubmissionSchema
} satisfies Record<TableName, z.ZodType>;

export type TableSchemas = typeof tableSchemas;
export type Row<T extends TableName> = z.output<TableSchemas[T]>;
/** What a caller supplies to create a row: the write path fills id, times and `deleted`. */
export type NewRow<T extends TableName> = Omit<
  z.input<TableSchemas[T]>,
  'id' | 'createdAt' | 'updatedAt' | 'deleted'
> & { id?: string };
export type RowPatch<T extends TableName> = Partial<
  Omit<Row<T>, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>
>;
