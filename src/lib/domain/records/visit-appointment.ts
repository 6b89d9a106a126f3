import { z } from 'zod';
import { recordBase } from '../record';

/**
 * How a visit is made (001 §4.3 访问方式: at the door, in the office, outdoors while the owner
 * is out, other; issue 15: by phone too). Each visit and appointment is marked with one.
 */
export const visitMethods = ['door', 'counter', 'phone', 'outdoor', 'other'] as const;
export type VisitMethod = (typeof visitMethods)[number];

const appointmentFields = {
  unitId: z.string().min(1, 'validation.required'),
  planId: z.string().optional(),
  personId: z.string().optional(),
  visitorId: z.string().min(1, 'validation.required'),
  method: z.enum(visitMethods, 'validation.choose'),
  /** The agreed time. The 22:00 rule needs the office's zone: lib/domain/visits/appointment.ts. */
  at: z.number('validation.required').int().nonnegative(),
  note: z.string().trim().max(300, 'validation.tooLong').default(''),
  cancelled: z.boolean().default(false)
};

/** An appointment 预约 (001 §4.3: a door visit is agreed with the household beforehand). */
export const visitAppointmentSchema = z.object({ ...recordBase, ...appointmentFields });
export type VisitAppointment = z.infer<typeof visitAppointmentSchema>;

export const visitAppointmentForm = z.object(appointmentFields);
export type VisitAppointmentForm = z.input<typeof visitAppointmentForm>;
