import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { newStaffForm } from './staff';

/** The property-service office (物业服务中心) this installation belongs to. One per database. */
export const officeSchema = z.object({
  ...recordBase,
  name: requiredText(60),
  /** Shown on printed forms next to the office name (e.g. 客户服务部). */
  department: z.string().trim().max(60).default('客户服务部'),
  phone: z.string().trim().max(30).optional(),
  /** Content hash of the stamp image (a blob) printed on notices and forms (001 篇2). */
  stampBlob: z.string().optional()
});
export type Office = z.infer<typeof officeSchema>;

/** The single id of the office record: a device serves exactly one office. */
export { OFFICE_ID } from '../record-ids';

/** An office phone as written on a notice: digits with +, -, spaces or brackets, or nothing. */
export const officePhone = z
  .string()
  .trim()
  .regex(/^(?:[0-9+(][0-9 ()+-]{4,28}[0-9])?$/, 'validation.phone');

/** First run (foundation issue §5): office name, community name and the first manager. */
export const officeSetupForm = z
  .object({
    officeName: requiredText(60),
    /**
     * The desk's phone (issue 20): asked at setup so a notice's {phone} is filled from the
     * start. A landline with area code or a mobile; may be left empty and added later.
     */
    officePhone: officePhone.default(''),
    communityName: requiredText(60),
    managerName: newStaffForm.shape.name,
    pin: newStaffForm.shape.pin,
    pinConfirm: z.string()
  })
  .refine((f) => f.pin === f.pinConfirm, {
    path: ['pinConfirm'],
    message: 'validation.pinMismatch'
  });
export type OfficeSetupForm = z.input<typeof officeSetupForm>;
