import type { SettingKey } from '$lib/domain/records/settings';

/** How the office rules are grouped on the settings page (sources in records/settings.ts). */
export const settingGroups: { titleKey: string; keys: SettingKey[] }[] = [
  {
    titleKey: 'settings.group.visits',
    keys: [
      'managerMonthlyVisits',
      'supervisorMonthlyVisits',
      'visitLatestHour',
      'visitEarliestHour',
      'specialCareVisitMonths',
      'visitRecordDueDays',
      'visitSummaryDueDay',
      'visitApprovalWorkingDays'
    ]
  },
  {
    titleKey: 'settings.group.notices',
    keys: [
      'pestControlDeptLeadHours',
      'pestControlOwnerLeadHours',
      'pestControlNoWeekend',
      'utilityDeptLeadHours',
      'utilityOwnerLeadHours',
      'worksLeadDays',
      'eventLeadWorkingDays',
      'fireSafetyRefreshDays',
      'resultsPublishWorkingDays',
      'noticeArchiveDays'
    ]
  },
  {
    titleKey: 'settings.group.requests',
    keys: [
      'repairArrivalMinutes',
      'urgentRepairSameDay',
      'complaintDeadlineWorkingDays',
      'repairAnalysisDueDay',
      'returnVisitWorkingDaysRepair',
      'returnVisitWorkingDaysComplaint',
      'surveyMonth'
    ]
  },
  {
    titleKey: 'settings.group.lifecycle',
    keys: [
      'renovationFireApprovalAreaM2',
      'renovationDepositYuan',
      'renovationFeeYuan',
      'renovationInspectionsPerDay'
    ]
  },
  {
    titleKey: 'settings.group.targets',
    keys: [
      'targetFeeCollectionPct',
      'targetCommercialOccupancyPct',
      'targetRentCollectionPct',
      'targetFacilityIntactPct',
      'targetRepairTimelinessPct',
      'targetRepairQualityPct',
      'targetRepairReturnVisitPct',
      'targetCleaningPct',
      'targetSecurityIncidentsPerMille',
      'targetFiresPerMille',
      'targetViolationsPct',
      'targetViolationHandlingPct',
      'targetComplaintsPerMille',
      'targetComplaintHandlingPct'
    ]
  },
  {
    titleKey: 'settings.group.security',
    keys: ['idleLockMinutes', 'pinMaxAttempts', 'pinLockSeconds', 'clockBoundMinutes']
  },
  {
    titleKey: 'settings.group.shifts',
    keys: [
      'shiftEarlyStart',
      'shiftEarlyEnd',
      'shiftMiddleStart',
      'shiftMiddleEnd',
      'shiftNightStart',
      'shiftNightEnd'
    ]
  },
  { titleKey: 'settings.group.time', keys: ['timeZone'] }
];
