import type { FeeItem, FeePeriod } from '../records/fee-item';
import type { FeeRate } from '../records/fee-rate';
import type { UnitType } from '../records/unit';
import { addMonths, daysInMonth, lastDayOf, monthsBetween } from './dates';
import { divRound } from './money';

/** What a bill run needs of a unit. */
export interface BillUnit {
  id: string;
  buildingId: string;
  communityId: string;
  type: UnitType;
  areaM2: number;
}

/** A bill as the run makes it: everything the write path needs to create the record. */
export interface PlannedBill {
  id: string;
  unitId: string;
  buildingId: string;
  communityId: string;
  itemId: string;
  source: 'run';
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  amountFen: number;
  staffId: string;
}

/**
 * A bill's id is made of what makes it unique: item, unit and period. Running the bills twice,
 * or on two tablets offline, makes the same ids, so the second run adds nothing (issue 18 §2).
 */
export function billId(itemId: string, unitId: string, period: string): string {
  return `${itemId}~${unitId}~${period}`;
}

/**
 * The floor area in hundredths of a m² (89.53 m² → 8953): the registry keeps m² as a number
 * with at most two decimals, and the fee is worked out on this integer.
 */
export function areaCenti(areaM2: number): number {
  return Math.round(areaM2 * 100);
}

interface Period {
  key: string;
  months: string[];
}

/** The periods of an item that overlap the months from..to (inclusive). */
export function periodsOf(period: Exclude<FeePeriod, 'once'>, from: string, to: string): Period[] {
  const span = period === 'monthly' ? 1 : period === 'quarterly' ? 3 : 12;
  const [y, m] = from.split('-').map(Number);
  // The first period that holds `from`: quarters start in Jan/Apr/Jul/Oct, years in January.
  let first = `${y}-${String(m - ((m - 1) % span)).padStart(2, '0')}`;
  const out: Period[] = [];
  for (; first <= to; first = addMonths(first, span)) {
    const months = monthsBetween(first, addMonths(first, span - 1));
    const year = first.slice(0, 4);
    const key =
      period === 'monthly'
        ? first
        : period === 'quarterly'
          ? `${year}-Q${(Number(first.slice(5, 7)) + 2) / 3}`
          : year;
    out.push({ key, months });
  }
  return out;
}

/**
 * The rates of one item for one unit type, oldest first: the type's own rates when it has any
 * in force, else the general ones (a type's own rate before the general one).
 */
function ratesFor(
  rates: readonly FeeRate[],
  type: UnitType
): { own: FeeRate[]; general: FeeRate[] } {
  const by = (a: FeeRate, b: FeeRate) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : a.id < b.id ? -1 : 1;
  return {
    own: rates.filter((r) => r.unitType === type && !r.deleted).sort(by),
    general: rates.filter((r) => r.unitType === undefined && !r.deleted).sort(by)
  };
}

/** The rate in force on a day, or undefined before the first rate. */
export function rateOn(rates: readonly FeeRate[], type: UnitType, day: string): number | undefined {
  const { own, general } = ratesFor(rates, type);
  const latest = (list: FeeRate[]) => list.filter((r) => r.from <= day).at(-1);
  return (latest(own) ?? latest(general))?.fen;
}

/**
 * Σ rate × days over a month's billable days (those from the item's start to its end, each
 * day at the rate in force on it). A whole month at one rate gives rate × days-in-month, so
 * the month's amount is exactly the rate; a start on the 15th of a 31-day month gives 17/31
 * of it; a rate change on the 16th gives 15 days at the old rate and 16 at the new.
 */
function rateDays(
  item: Pick<FeeItem, 'startDate' | 'endDate'>,
  own: FeeRate[],
  general: FeeRate[],
  month: string
): number {
  const dim = daysInMonth(month);
  let sum = 0;
  for (let d = 1; d <= dim; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (day < item.startDate || (item.endDate && day > item.endDate)) continue;
    const pick = (list: FeeRate[]) => {
      let found: FeeRate | undefined;
      for (const r of list) if (r.from <= day) found = r;
      return found;
    };
    sum += (pick(own) ?? pick(general))?.fen ?? 0;
  }
  return sum;
}

export interface RunInput {
  items: readonly FeeItem[];
  rates: readonly FeeRate[];
  units: readonly BillUnit[];
  /** First and last month of the run, "2026-01" and "2026-12". */
  from: string;
  to: string;
  staffId: string;
}

/**
 * The bills of a run (issue 18 §2): for each active item, each unit it applies to and each
 * period overlapping the run, what the unit owes. Pure and deterministic: the same input
 * gives the same bills with the same ids. Each month's amount is rounded half up to the fen
 * (an area basis: area × rate; a part month: by its days), and a period's amount is the sum
 * of its months, so a quarterly bill equals three monthly ones.
 */
export function planBills(input: RunInput): PlannedBill[] {
  const out: PlannedBill[] = [];
  for (const item of input.items) {
    if (item.deleted || !item.active) continue;
    const itemRates = input.rates.filter((r) => r.itemId === item.id && !r.deleted);
    const types = new Set(item.unitTypes);
    const units = input.units.filter(
      (u) => types.has(u.type) && (!item.communityId || u.communityId === item.communityId)
    );
    if (item.period === 'once') {
      planOnce(item, itemRates, units, input, out);
      continue;
    }
    const periods = periodsOf(item.period, input.from, input.to);
    // Σ rate × days per (type, month): the same for every unit of a type, so worked out once.
    const cache = new Map<string, number>();
    const monthSum = (type: UnitType, month: string) => {
      const key = `${type}|${month}`;
      let v = cache.get(key);
      if (v === undefined) {
        const { own, general } = ratesFor(itemRates, type);
        v = rateDays(item, own, general, month);
        cache.set(key, v);
      }
      return v;
    };
    for (const period of periods) {
      const first = period.months[0];
      const last = period.months[period.months.length - 1];
      const start = maxDate(`${first}-01`, item.startDate);
      const end = item.endDate ? minDate(lastDayOf(last), item.endDate) : lastDayOf(last);
      if (start > end) continue;
      const due = maxDate(`${first}-${String(item.dueDay).padStart(2, '0')}`, start);
      for (const unit of units) {
        const base = item.basis === 'area' ? areaCenti(unit.areaM2) : 1;
        const scale = item.basis === 'area' ? 100 : 1;
        let amount = 0;
        for (const month of period.months) {
          const s = monthSum(unit.type, month);
          if (s) amount += divRound(base * s, scale * daysInMonth(month));
        }
        if (amount <= 0) continue;
        out.push({
          id: billId(item.id, unit.id, period.key),
          unitId: unit.id,
          buildingId: unit.buildingId,
          communityId: unit.communityId,
          itemId: item.id,
          source: 'run',
          period: period.key,
          periodStart: start,
          periodEnd: end,
          dueDate: due,
          amountFen: amount,
          staffId: input.staffId
        });
      }
    }
  }
  return out;
}

/** A one-time item (a deposit, a one-off charge to every unit): billed in its start month, whole. */
function planOnce(
  item: FeeItem,
  rates: FeeRate[],
  units: readonly BillUnit[],
  input: RunInput,
  out: PlannedBill[]
): void {
  const month = item.startDate.slice(0, 7);
  if (month < input.from || month > input.to) return;
  for (const unit of units) {
    const rate = rateOn(rates, unit.type, item.startDate);
    if (!rate) continue;
    const amount = item.basis === 'area' ? divRound(areaCenti(unit.areaM2) * rate, 100) : rate;
    out.push({
      id: billId(item.id, unit.id, item.startDate),
      unitId: unit.id,
      buildingId: unit.buildingId,
      communityId: unit.communityId,
      itemId: item.id,
      source: 'run',
      period: item.startDate,
      periodStart: item.startDate,
      periodEnd: item.startDate,
      dueDate: item.startDate,
      amountFen: amount,
      staffId: input.staffId
    });
  }
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
