import type { Notice } from '../records/notice';

const HOUR = 3_600_000;

/** Where a notice stands on the desk's list. */
export type NoticeState = 'draft' | 'due' | 'overdue' | 'published' | 'withdrawn';

/** A notice is "due" this long before its deadline, so the desk has a day to post it. */
export const DUE_SOON_HOURS = 24;

/**
 * 001 §4.2: notices must reach owners in time, so the desk list shows a notice that is due
 * but not yet published: its planned publication time has come, or its deadline is near.
 */
export function noticeState(
  notice: Pick<Notice, 'publishedAt' | 'withdrawnAt' | 'publishAt'>,
  deadline: number | undefined,
  now: number
): NoticeState {
  if (notice.withdrawnAt !== undefined) return 'withdrawn';
  if (notice.publishedAt !== undefined) return 'published';
  if (deadline !== undefined && now > deadline) return 'overdue';
  if (notice.publishAt !== undefined && notice.publishAt <= now) return 'due';
  if (deadline !== undefined && deadline - now <= DUE_SOON_HOURS * HOUR) return 'due';
  return 'draft';
}

/** 001 篇2 4.2.4: originals are kept one year (setting `noticeArchiveDays`). */
export function keptUntil(publishedAt: number, archiveDays: number): number {
  return publishedAt + archiveDays * 24 * HOUR;
}

/**
 * 001 §4.2 item 4: fire-safety and legal information is refreshed at least monthly. True
 * when the latest one published is older than the setting (or there is none).
 */
export function fireSafetyRefreshDue(
  lastPublishedAt: number | undefined,
  refreshDays: number,
  now: number
): boolean {
  return lastPublishedAt === undefined || now - lastPublishedAt > refreshDays * 24 * HOUR;
}
