import { zonedDate } from '$lib/domain/calendar/zoned';
import { openWork, type OfficeFigures } from '$lib/domain/company/side-by-side';
import type { GuanjiaDexie } from '../database';
import { indicatorsOfMonth } from './indicators';
import { getOffice, getSettings, listCommunities } from './office';
import { openIndexRows } from '../ticket-index-store';

/** The month the company view shows by default: the current one on the office's clock. */
export async function currentMonth(db: GuanjiaDexie, now: number): Promise<string> {
  const { timeZone } = await getSettings(db);
  return zonedDate(now, timeZone).slice(0, 7);
}

/**
 * One office's figures for the company view (issue 21 §4), read from that office's own
 * database on this device: the month's 004 indicators by the report's own query, and the
 * open complaints and overdue items from the open rows of the derived request index.
 * Undefined until the office record has arrived by sync.
 */
export async function officeFigures(
  db: GuanjiaDexie,
  office: string,
  month: string,
  now: number
): Promise<OfficeFigures | undefined> {
  const [record, communities, settings, indicators, open] = await Promise.all([
    getOffice(db),
    listCommunities(db),
    getSettings(db),
    indicatorsOfMonth(month, db),
    openIndexRows(db)
  ]);
  if (!record) return undefined;
  const collator = new Intl.Collator('zh-Hans-CN');
  return {
    office,
    officeName: record.name,
    communities: communities.map((c) => c.name).sort((a, b) => collator.compare(a, b)),
    month,
    indicators,
    ...openWork(open, settings, now)
  };
}
