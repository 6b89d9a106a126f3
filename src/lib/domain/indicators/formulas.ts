import type { Settings } from '../records/settings';
import type { RegisterEntry, RegisterKind } from '../records/register-entry';
import { monthlyStatistics, shiftMonth, type StatsTicket } from '../tickets/statistics';
import type { SlaSettings } from '../tickets/sla';
import { monthDays, type Population } from './population';

/**
 * The quality indicators of 004 管家服务品质指标 (DOMAIN "Quality indicators"), one month at a
 * time, each with its formula's numerator and denominator, what was left out and whether
 * the target is met. Pure: the caller reads the records; nothing here reads a clock.
 */
export const indicatorKeys = [
  'feeCollection',
  'commercialOccupancy',
  'rentCollection',
  'facilityIntact',
  'repairTimeliness',
  'repairQuality',
  'repairReturnVisit',
  'cleaning',
  'securityIncidents',
  'fires',
  'violations',
  'violationHandling',
  'complaints',
  'complaintHandling'
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export type IndicatorUnit = 'pct' | 'perMille';
/** ≥ target, ≤ target, or strictly below it (004 writes "<0.5‰" for incidents and fires). */
export type TargetRule = 'atLeast' | 'atMost' | 'below';
/** The month alone, or the twelve months to its end (004's 年发生率 are yearly rates). */
export type IndicatorWindow = 'month' | 'year';
/** Why there is no value: nothing to divide by, or the records live in an area not built yet. */
export type NoData = 'noRecords' | 'fees';

export interface IndicatorValue {
  key: IndicatorKey;
  /** Where 004 defines it. */
  source: string;
  unit: IndicatorUnit;
  window: IndicatorWindow;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Records that matched but were left out (voided, cancelled, malicious). */
  excluded: number;
  target: number;
  rule: TargetRule;
  met: boolean | null;
  noData?: NoData;
}

export type IndicatorSettings = Pick<
  Settings,
  | 'targetFeeCollectionPct'
  | 'targetCommercialOccupancyPct'
  | 'targetRentCollectionPct'
  | 'targetFacilityIntactPct'
  | 'targetRepairTimelinessPct'
  | 'targetRepairQualityPct'
  | 'targetRepairReturnVisitPct'
  | 'targetCleaningPct'
  | 'targetSecurityIncidentsPerMille'
  | 'targetFiresPerMille'
  | 'targetViolationsPct'
  | 'targetViolationHandlingPct'
  | 'targetComplaintsPerMille'
  | 'targetComplaintHandlingPct'
> &
  Pick<SlaSettings, 'repairArrivalMinutes' | 'urgentRepairSameDay' | 'timeZone'>;

/** Money in and money due of the month, from the fees area (issue 18) when it exists. */
export interface Collection {
  collected: number;
  receivable: number;
}

export interface IndicatorInput {
  month: string;
  settings: IndicatorSettings;
  /** The month's requests and the complaints of the eleven months before. */
  tickets: readonly StatsTicket[];
  population: Population;
  /** Register rows dated in the twelve months to the month's end (voided ones included). */
  register: readonly Pick<
    RegisterEntry,
    'kind' | 'date' | 'handledOn' | 'areaM2' | 'goodAreaM2' | 'voided' | 'deleted'
  >[];
  /** From the fees area (lib/domain/fees/collection.ts); undefined: shown as "no data". */
  fees?: Collection;
  rent?: Collection;
}

/** n ÷ d × scale, or null when there is nothing to divide by. */
export function ratio(n: number, d: number, scale = 100): number | null {
  return d > 0 ? (n / d) * scale : null;
}

export function meets(value: number | null, target: number, rule: TargetRule): boolean | null {
  if (value === null) return null;
  // Compare at the precision shown (0.01), so 98.999…% does not miss a 99 % target by a hair.
  const v = Math.round(value * 1e6) / 1e6;
  return rule === 'atLeast' ? v >= target : rule === 'atMost' ? v <= target : v < target;
}

function indicator(
  key: IndicatorKey,
  source: string,
  unit: IndicatorUnit,
  window: IndicatorWindow,
  numerator: number | null,
  denominator: number | null,
  target: number,
  rule: TargetRule,
  excluded = 0,
  noData?: NoData
): IndicatorValue {
  const value =
    numerator === null || denominator === null
      ? null
      : ratio(numerator, denominator, unit === 'pct' ? 100 : 1000);
  return {
    key,
    source,
    unit,
    window,
    value,
    numerator,
    denominator,
    excluded,
    target,
    rule,
    met: meets(value, target, rule),
    ...(noData ? { noData } : value === null ? { noData: 'noRecords' as const } : {})
  };
}

/** Register rows of a kind dated within [first, last], and how many were voided. */
export function registerIn(
  rows: IndicatorInput['register'],
  kind: RegisterKind,
  first: string,
  last: string
) {
  const all = rows.filter(
    (r) => !r.deleted && r.kind === kind && r.date >= first && r.date <= last
  );
  const kept = all.filter((r) => !r.voided);
  return { kept, voided: all.length - kept.length };
}

/** All fourteen measures of 004's ten indicators for one month. */
export function monthIndicators(input: IndicatorInput): IndicatorValue[] {
  const { month, settings: c, population: p } = input;
  const [first, last] = monthDays(month);
  const yearFirst = monthDays(shiftMonth(month, -11))[0];
  const stats = monthlyStatistics({
    month,
    settings: c,
    residents: p.residents,
    tickets: input.tickets
  });
  // Cancelled requests (duplicates, mistakes) are voided records: counted only as excluded.
  const cancelled = (kind: string, fromMonth: string) =>
    input.tickets.filter(
      (t) =>
        t.kind === kind &&
        t.summary.status === 'cancelled' &&
        t.summary.recordedAt !== undefined &&
        inMonths(t.summary.recordedAt, fromMonth, month, c.timeZone)
    ).length;

  const inspection = (kind: RegisterKind) => {
    const { kept, voided } = registerIn(input.register, kind, first, last);
    const area = kept.reduce((s, r) => s + (r.areaM2 ?? 0), 0);
    const good = kept.reduce((s, r) => s + (r.goodAreaM2 ?? 0), 0);
    return { area, good, voided };
  };
  const facility = inspection('facilityInspection');
  const cleaning = inspection('cleaningInspection');
  const security = registerIn(input.register, 'securityIncident', yearFirst, last);
  const fires = registerIn(input.register, 'fire', yearFirst, last);
  const violations = registerIn(input.register, 'violation', yearFirst, last);
  // A violation counts as handled once handled by the end of the month reported on.
  const handled = violations.kept.filter((v) => v.handledOn !== undefined && v.handledOn <= last);
  const r = stats.repairs;
  const k = stats.complaints;
  const fees = input.fees;
  const rent = input.rent;

  return [
    // 004 一: 实收费用额 / 应收费用总额 × 100% ≥ 98%
    indicator(
      'feeCollection',
      '004 一',
      'pct',
      'month',
      fees?.collected ?? null,
      fees?.receivable ?? null,
      c.targetFeeCollectionPct,
      'atLeast',
      0,
      input.fees === undefined ? 'fees' : undefined
    ),
    // 004 二: 已出租的商业用房面积 / 商业用房总面积 × 100% ≥ 95% (by the third year)
    indicator(
      'commercialOccupancy',
      '004 二',
      'pct',
      'month',
      p.letAreaM2,
      p.commercialAreaM2,
      c.targetCommercialOccupancyPct,
      'atLeast'
    ),
    // 004 二: 实收租金额 / 应收租金总额 × 100%
    indicator(
      'rentCollection',
      '004 二',
      'pct',
      'month',
      rent?.collected ?? null,
      rent?.receivable ?? null,
      c.targetRentCollectionPct,
      'atLeast',
      0,
      input.rent === undefined ? 'fees' : undefined
    ),
    // 004 三: 完好、基本完好房面积 / 建筑物面积 × 100% ≥ 98%
    indicator(
      'facilityIntact',
      '004 三',
      'pct',
      'month',
      facility.good,
      facility.area,
      c.targetFacilityIntactPct,
      'atLeast',
      facility.voided
    ),
    // 004 四: 已完成(及时)零修急修数 / 总零修急修数 × 100% ≥ 99%
    indicator(
      'repairTimeliness',
      '004 四',
      'pct',
      'month',
      r.timely,
      r.total,
      c.targetRepairTimelinessPct,
      'atLeast',
      cancelled('repair', month)
    ),
    // 004 五(一): 质量合格的维修单数 / 总维修单数 × 100% = 100% (orders done)
    indicator(
      'repairQuality',
      '004 五(一)',
      'pct',
      'month',
      r.passed,
      r.done,
      c.targetRepairQualityPct,
      'atLeast',
      cancelled('repair', month)
    ),
    // 004 五(二): 维修回访数 / 总维修数 × 100% = 100% (orders done)
    indicator(
      'repairReturnVisit',
      '004 五(二)',
      'pct',
      'month',
      r.visited,
      r.done,
      c.targetRepairReturnVisitPct,
      'atLeast',
      cancelled('repair', month)
    ),
    // 004 六: 保洁达标面积 / 保洁总面积 × 100% ≥ 99%
    indicator(
      'cleaning',
      '004 六',
      'pct',
      'month',
      cleaning.good,
      cleaning.area,
      c.targetCleaningPct,
      'atLeast',
      cleaning.voided
    ),
    // 004 七: 案件发生次数 / 入住总户数 × 1000‰ < 0.5‰ (a year)
    indicator(
      'securityIncidents',
      '004 七',
      'perMille',
      'year',
      security.kept.length,
      p.occupiedHouseholds,
      c.targetSecurityIncidentsPerMille,
      'below',
      security.voided
    ),
    // 004 八: 火灾发生次数 / 总入住户数 × 1000‰ < 0.5‰ (a year)
    indicator(
      'fires',
      '004 八',
      'perMille',
      'year',
      fires.kept.length,
      p.occupiedHouseholds,
      c.targetFiresPerMille,
      'below',
      fires.voided
    ),
    // 004 九: 违章发生次数 / 入住总人数 × 100% ≤ 1% (a year)
    indicator(
      'violations',
      '004 九',
      'pct',
      'year',
      violations.kept.length,
      p.residents,
      c.targetViolationsPct,
      'atMost',
      violations.voided
    ),
    // 004 九: 违章处理数 / 总违章数 × 100% (target 100 %)
    indicator(
      'violationHandling',
      '004 九',
      'pct',
      'year',
      handled.length,
      violations.kept.length,
      c.targetViolationHandlingPct,
      'atLeast',
      violations.voided
    ),
    // 004 十(一): 有效投诉次数 / 入住总人数 × 1000‰ ≤ 2‰ (a year); malicious ones are not effective (001)
    indicator(
      'complaints',
      '004 十(一)',
      'perMille',
      'year',
      yearComplaints(input, month),
      p.residents,
      c.targetComplaintsPerMille,
      'atMost',
      cancelled('complaint', shiftMonth(month, -11)) + k.malicious
    ),
    // 004 十(二): 处理数 / 有效投诉数 × 100% (target 100 %)
    indicator(
      'complaintHandling',
      '004 十(二)',
      'pct',
      'month',
      k.handled,
      k.total,
      c.targetComplaintHandlingPct,
      'atLeast',
      k.malicious
    )
  ];
}

/** Effective complaints recorded in the twelve months to the month's end. */
function yearComplaints(input: IndicatorInput, month: string): number {
  const from = shiftMonth(month, -11);
  return input.tickets.filter(
    (t) =>
      t.kind === 'complaint' &&
      !t.summary.malicious &&
      t.summary.status !== 'cancelled' &&
      t.summary.recordedAt !== undefined &&
      inMonths(t.summary.recordedAt, from, month, input.settings.timeZone)
  ).length;
}

const monthFormat = new Map<string, Intl.DateTimeFormat>();
/** Whether a moment falls in the months from..to (inclusive), in the office's zone. */
function inMonths(ms: number, from: string, to: string, timeZone: string): boolean {
  let f = monthFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormat.set(timeZone, f);
  }
  const m = f.format(ms).slice(0, 7);
  return m >= from && m <= to;
}
