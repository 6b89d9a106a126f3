import { z } from 'zod';
import { recordBase, requiredText, mobilePhone } from '../record';

export const personKinds = ['person', 'company'] as const;
export const genders = ['male', 'female'] as const;
/** 残疾人, 孤寡老人, 特殊贡献者 — they get scheduled visits (002). */
export const specialCareKinds = ['disabled', 'elderlyAlone', 'specialContributor'] as const;
export type SpecialCare = (typeof specialCareKinds)[number];

/** 紧急事故联络人 (003 §3.11): who the desk calls when something happens in the unit. */
export const emergencyContactSchema = z.object({
  name: requiredText(40),
  phone: mobilePhone,
  relation: z.string().trim().max(20).optional()
});
export type EmergencyContact = z.infer<typeof emergencyContactSchema>;

/** The recorded consent that allows keeping health notes (DOMAIN "Records": only with consent). */
export const healthConsentSchema = z.object({
  /** The day the person agreed (YYYY-MM-DD). */
  on: z.iso.date('validation.date'),
  how: z.enum(['signed', 'verbal']),
  /** The staff member who recorded it. */
  recordedBy: z.string().min(1)
});
export type HealthConsent = z.infer<typeof healthConsentSchema>;

const personFields = {
  kind: z.enum(personKinds).default('person'),
  name: requiredText(60),
  /** 性别, when known (issue 14: HC's 性别 column). */
  gender: z.enum(genders, 'validation.choose').optional(),
  phones: z.array(mobilePhone).max(5, 'validation.tooMany').default([]),
  /**
   * Sensitive: masked for roles that do not need it (DOMAIN "Records": privacy). For a
   * company, its 统一社会信用代码.
   */
  idNumber: z.string().trim().max(30, 'validation.tooLong').optional(),
  /** Segment tags the office defines (segmentTag records): 教师, 家属, 商户, VIP… */
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  specialCare: z.array(z.enum(specialCareKinds)).default([]),
  emergencyContact: emergencyContactSchema.optional(),
  /** 客户喜好与特点 (000): how and when they like to be contacted, what to mind at the door. */
  preferences: z.string().trim().max(1000, 'validation.tooLong').optional(),
  healthNotes: z.string().trim().max(1000, 'validation.tooLong').optional(),
  healthConsent: healthConsentSchema.optional(),
  notes: z.string().max(2000, 'validation.tooLong').optional()
};

type PersonFields = { healthNotes?: string; healthConsent?: HealthConsent };
const consentGiven = (p: PersonFields) => !p.healthNotes || p.healthConsent !== undefined;
const consentIssue = () => ({
  path: ['healthNotes'],
  message: 'households.validation.healthConsent'
});

/** A person or company in the customer archive 客户档案 (000, 003 §3.11). */
export const personSchema = z
  .object({ ...recordBase, ...personFields })
  .refine(consentGiven, consentIssue());
export type Person = z.infer<typeof personSchema>;

/** What the desk fills in for a person: the same rules, without the system fields. */
export const personForm = z.object(personFields).refine(consentGiven, consentIssue());
export type PersonForm = z.input<typeof personForm>;
