import { z } from 'zod';
import { recordBase } from '../record';

/**
 * Every number of DOMAIN.md as an office setting with its default (foundation issue §6):
 * each company writes its own manual, so each number must be editable by the manager.
 * Flat fields, so two managers editing different settings both win (field-level LWW).
 */
const int = (min: number, max: number) =>
  z
    .number('validation.number')
    .int('validation.integer')
    .min(min, 'validation.tooSmall')
    .max(max, 'validation.tooBig');
const percent = z
  .number('validation.number')
  .min(0, 'validation.tooSmall')
  .max(100, 'validation.tooBig');
/** A time of day, 'HH:MM' (24:00 = end of the day). */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'validation.format');
const perMille = z
  .number('validation.number')
  .min(0, 'validation.tooSmall')
  .max(1000, 'validation.tooBig');

/** 001 §4.3: visit quota tier — up to `maxHouseholds` occupied households, visit `percent` % a month. */
export const visitQuotaTier = z.object({
  maxHouseholds: int(1, 1_000_000).nullable(),
  percent
});

export const settingsFields = {
  // Visits 业户访问 (001 §4.3)
  visitQuotaTiers: z
    .array(visitQuotaTier)
    .min(1)
    .default([
      { maxHouseholds: 300, percent: 4 },
      { maxHouseholds: 500, percent: 5 },
      { maxHouseholds: 800, percent: 6 },
      { maxHouseholds: null, percent: 7 }
    ]),
  managerMonthlyVisits: int(0, 100).default(5),
  supervisorMonthlyVisits: int(0, 100).default(5),
  /** Door visits never after 22:00. */
  visitLatestHour: int(0, 24).default(22),
  /** Nor in the night that follows until this hour: our reading of 22:00后不访问, not the seed's number. */
  visitEarliestHour: int(0, 24).default(7),
  /** 002: special-care households (残疾人, 孤寡老人, 特殊贡献者) are visited every n months (our default: monthly). */
  specialCareVisitMonths: int(1, 12).default(1),
  /** Visit records handed in by the next day. */
  visitRecordDueDays: int(0, 30).default(1),
  /** Monthly visit summary before the 5th; manager approves within 2 working days. */
  visitSummaryDueDay: int(1, 28).default(5),
  visitApprovalWorkingDays: int(0, 30).default(2),

  // Notices 通知单 (001 §4.2, 篇3)
  pestControlDeptLeadHours: int(0, 720).default(24),
  pestControlOwnerLeadHours: int(0, 720).default(12),
  pestControlNoWeekend: z.boolean().default(true),
  utilityDeptLeadHours: int(0, 720).default(32),
  utilityOwnerLeadHours: int(0, 720).default(24),
  worksLeadDays: int(0, 60).default(1),
  eventLeadWorkingDays: int(0, 60).default(3),
  fireSafetyRefreshDays: int(1, 365).default(30),
  resultsPublishWorkingDays: int(0, 60).default(5),
  // 001 §4.2's contract-change (2 working days) and property-loss (1 working day) contacts
  // are not tracked by any screen yet: no setting until something reads it (issue 20).
  /** 001 篇2: originals of published notices are kept one year. */
  noticeArchiveDays: int(1, 3650).default(365),

  // Service requests (003 §3.3, §3.4; 004)
  repairArrivalMinutes: int(1, 1440).default(10),
  urgentRepairSameDay: z.boolean().default(true),
  complaintDeadlineWorkingDays: int(1, 60).default(2),
  repairAnalysisDueDay: int(1, 28).default(5),
  /** Return visit 回访 (003 §3.4, §3.3; 004: 100 %) within these working days of the work done
   *  or the complaint's result. The manuals give no number: the office's own. */
  returnVisitWorkingDaysRepair: int(0, 30).default(3),
  returnVisitWorkingDaysComplaint: int(0, 30).default(2),

  // Move-in, renovation, move-out (003 §3.1, §3.2, §3.13)
  /** 003 §3.2.4 3.1]: a unit over this area needs the fire authority's approval before the permit. */
  renovationFireApprovalAreaM2: int(0, 100_000).default(200),
  /** The renovation deposit the desk proposes (yuan); the amount recorded is what was paid. */
  renovationDepositYuan: int(0, 10_000_000).default(5000),
  /** The renovation management fee the desk proposes (yuan). */
  renovationFeeYuan: int(0, 10_000_000).default(500),
  /** 003 §3.2.4 4.2]: each department inspects a site under renovation at least this often a day. */
  renovationInspectionsPerDay: int(0, 10).default(1),

  // Satisfaction survey (000 第二节; 002: 1–2 a year)
  surveyMonth: int(1, 12).default(11),

  // Quality indicator targets (004)
  targetFeeCollectionPct: percent.default(98),
  targetCommercialOccupancyPct: percent.default(95),
  targetRentCollectionPct: percent.default(98),
  targetFacilityIntactPct: percent.default(98),
  targetRepairTimelinessPct: percent.default(99),
  targetRepairQualityPct: percent.default(100),
  targetRepairReturnVisitPct: percent.default(100),
  targetCleaningPct: percent.default(99),
  targetSecurityIncidentsPerMille: perMille.default(0.5),
  targetFiresPerMille: perMille.default(0.5),
  targetViolationsPct: percent.default(1),
  targetViolationHandlingPct: percent.default(100),
  targetComplaintsPerMille: perMille.default(2),
  targetComplaintHandlingPct: percent.default(100),

  // Sign-in on shared tablets (foundation issue §5)
  idleLockMinutes: int(1, 240).default(5),
  pinMaxAttempts: int(3, 20).default(5),
  pinLockSeconds: int(10, 3600).default(60),
  /**
   * Issue 12: a tablet whose clock runs ahead may pull the others' clocks (HLC) forward by at
   * most this much; its changes still apply. The devices page names a device beyond it.
   */
  clockBoundMinutes: int(1, 1440).default(10),

  // Front-desk shifts 交接班 (003 §3.9): times of day, 'HH:MM'; an end before the start runs past midnight
  shiftEarlyStart: clock.default('08:00'),
  shiftEarlyEnd: clock.default('16:00'),
  shiftMiddleStart: clock.default('16:00'),
  shiftMiddleEnd: clock.default('24:00'),
  shiftNightStart: clock.default('00:00'),
  shiftNightEnd: clock.default('08:00'),
  /** 003 §3.9 7](3): what the two shifts check together; the office edits the list. */
  handoverEquipment: z
    .array(z.string().trim().min(1, 'validation.required').max(30, 'validation.tooLong'))
    .max(40)
    .default(['钥匙', '对讲机', '门禁卡', '备用金', '表单', '登记本']),

  // Time (DOMAIN "Working days")
  timeZone: z.string().min(1).default('Asia/Shanghai')
};

export const settingsSchema = z.object({ ...recordBase, ...settingsFields });
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof typeof settingsFields;
export { SETTINGS_ID } from '../record-ids';

/** The defaults, as a complete settings record body. */
export function defaultSettings(): Omit<Settings, 'id' | 'createdAt' | 'updatedAt' | 'deleted'> {
  return z.object(settingsFields).parse({});
}
