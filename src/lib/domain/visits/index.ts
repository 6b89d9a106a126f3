/** Owner visits 业户访问 (001 §4.1, §4.3; 002): pure rules, no storage, no clock. */
export { monthlyQuota, quotaTier, countsTowardQuota, type QuotaTier } from './quota';
export { drawHouseholds, drawOrder, coveredInCycle, nextCandidates, type DrawInput } from './draw';
export {
  specialCareDue,
  monthsBetween,
  nextMonth,
  type SpecialCareHousehold
} from './special-care';
export { appointmentRefusal, officeMinutes, latestChoosable } from './appointment';
export { handInDue, isHandedInLate, summaryDue, approvalDue, monthEnded } from './deadlines';
export { drawPlan, planSeed, type PlanInput, type DrawnPlan } from './plan';
export { visitorProgress, type VisitorProgress } from './progress';
export { draftSummaryFigures, summaryState, type SummaryState } from './summary';
