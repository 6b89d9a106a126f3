import { Dexie } from 'dexie';
import { endOfZonedDay, monthRange, startOfZonedDay } from '$lib/domain/calendar/zoned';
import { likeForLike, type DayRange, type LikeForLike } from '$lib/domain/indicators/compare';
import { shiftMonth, type StatsTicket } from '$lib/domain/tickets/statistics';
import { monthIndicators, type IndicatorValue } from '$lib/domain/indicators/formulas';
import { population } from '$lib/domain/indicators/population';
import type { RegisterEntry } from '$lib/domain/records/register-entry';
import type { Occupancy } from '$lib/domain/records/occupancy';
import type { Unit } from '$lib/domain/records/unit';
import { withoutClocks } from '$lib/domain/ops';
import { database, type GuanjiaDexie } from '../database';
import { feeCollection } from '$lib/domain/fees/collection';
import { getSettings } from './office';
import { ledgerInput } from './fees';
import { statsTicket } from './tickets-stats';
import { indexRowsBetween } from '../ticket-index-store';

export interface MonthIndicators {
  month: string;
  values: IndicatorValue[];
}

/**
 * The quality indicators of 004 for the `count` months ending with `month`, oldest first
 * (the report's trend is twelve). One range read of the derived request index for those
 * months, one of the complaints of the eleven months before the first (the yearly
 * complaint rate), the archive's units and roles once, and the registers by date.
 */
export async function indicatorMonths(
  month: string,
  count = 12,
  db: GuanjiaDexie = database()
): Promise<MonthIndicators[]> {
  const settings = await getSettings(db);
  const zone = settings.timeZone;
  const months = Array.from({ length: count }, (_, i) => shiftMonth(month, i - count + 1));
  const first = months[0];
  const yearBefore = shiftMonth(first, -11);
  const start = monthRange(first, zone)[0];
  const end = monthRange(month, zone)[1];
  const earliest = monthRange(yearBefore, zone)[0];
  const [rows, complaints, archive, register, ledger] = await Promise.all([
    indexRowsBetween(db, start, end),
    indexRowsBetween(db, earliest, start, { kind: 'complaint' }),
    archiveRows(db),
    db.registerEntry.where('date').between(`${yearBefore}-01`, `${month}-31`, true, true).toArray(),
    ledgerInput(db)
  ]);
  // 004 一: bills due in each month against what has been paid of them so far (issue 18's
  // ledger: oldest bills settled first, reversals excluded), one pass for the twelve months.
  const feesByMonth = new Map(
    feeCollection(ledger, { from: `${first}-01`, to: `${month}-31` }, 'month').map((c) => [
      c.key,
      { collected: c.collectedFen, receivable: c.receivableFen }
    ])
  );
  const plain = <T>(r: unknown) => withoutClocks(r as never) as T;
  const { units: unitRows, roles: roleRows } = archive;
  const entries = register.map((e) => plain<RegisterEntry>(e));

  // Each month's requests, and the complaints by month for the yearly rate.
  const bounds = [...months.map((m) => monthRange(m, zone)[0]), end];
  const byMonth: StatsTicket[][] = months.map(() => []);
  const complaintsByMonth: StatsTicket[][] = months.map(() => []);
  for (const r of rows) {
    let i = bounds.length - 2;
    while (i > 0 && r.recordedAt !== undefined && r.recordedAt < bounds[i]) i--;
    const t = statsTicket(r);
    byMonth[i].push(t);
    if (r.kind === 'complaint') complaintsByMonth[i].push(t);
  }
  const earlier = complaints.map(statsTicket);

  return months.map((m, i) => {
    // The complaints of the eleven months before this one: from the earlier read, then ours.
    const from = monthRange(shiftMonth(m, -11), zone)[0];
    const prior = [
      ...earlier.filter((t) => (t.summary.recordedAt ?? 0) >= from),
      ...complaintsByMonth.slice(0, i).flat()
    ].filter((t) => (t.summary.recordedAt ?? 0) >= from);
    return {
      month: m,
      values: monthIndicators({
        month: m,
        settings,
        tickets: [...byMonth[i], ...prior],
        population: population(m, unitRows, roleRows),
        register: entries,
        // A month with no bill due has nothing receivable: "no records", not "no fees area".
        fees: feesByMonth.get(m) ?? { collected: 0, receivable: 0 },
        rent: undefined
      })
    };
  });
}

interface Archive {
  units: Unit[];
  roles: Occupancy[];
}
const archives = new Map<string, Promise<Archive>>();
let watching = false;

/**
 * Units and roles (~22,000 rows in a large office), read once per database and kept until
 * one of them changes (here, in another tab or by a sync): they change rarely, and reading
 * them is most of the cost of a month's indicators (the same reasoning as `residentsIn`).
 * The rows are used as stored (no copy): only their plain fields are read.
 */
function archiveRows(db: GuanjiaDexie): Promise<Archive> {
  if (!watching) {
    watching = true;
    Dexie.on('storagemutated', (parts) => {
      if (Object.keys(parts).some((key) => /^idb:\/\/[^/]+\/(occupancy|unit)\//.test(key)))
        archives.clear();
    });
  }
  let archive = archives.get(db.name);
  if (!archive) {
    archive = Promise.all([db.unit.toArray(), db.occupancy.toArray()]).then(([u, o]) => ({
      units: u as unknown as Unit[],
      roles: o as unknown as Occupancy[]
    }));
    archives.set(db.name, archive);
    archive.catch(() => archives.delete(db.name));
  }
  return archive;
}

/** One month's indicators (the bench's `indicators.monthMs`). */
export async function indicatorsOfMonth(
  month: string,
  db: GuanjiaDexie = database()
): Promise<IndicatorValue[]> {
  return (await indicatorMonths(month, 1, db))[0].values;
}

export interface RepairComparison {
  compare: LikeForLike;
  now: number;
  before: number;
  lastYear: number;
}

/** Repairs recorded in the month compared like for like (lib/domain/indicators/compare.ts). */
export async function repairsLikeForLike(
  month: string,
  today: string,
  db: GuanjiaDexie = database()
): Promise<RepairComparison> {
  const { timeZone } = await getSettings(db);
  const compare = likeForLike(month, today);
  const count = async (r: DayRange) =>
    (
      await indexRowsBetween(
        db,
        startOfZonedDay(r.first, timeZone),
        endOfZonedDay(r.last, timeZone),
        { kind: 'repair', toIncluded: true }
      )
    ).filter((row) => row.status !== 'cancelled').length;
  const [now, before, lastYear] = await Promise.all([
    count(compare.current),
    count(compare.previous),
    count(compare.lastYear)
  ]);
  return { compare, now, before, lastYear };
}
