import { publishDeadline, type NoticeRuleSettings } from '../notices/rules';
import type { WorkCalendar } from '../notices/working-days';
import { wallTime } from '../notices/zoned-time';

/**
 * Where a survey's results stand against 001 §4.2 item 5: 问卷调查结果…客服中心应于统计分析后
 * 5个工作日内在通知栏内向业主委员会或广大业主公布 — counted by the Chinese calendar with its
 * 调休 working weekends (the same deadline the notice editor checks, notices/rules.ts).
 *
 * - `notAnalysed`: the analysis is not finished: no deadline yet;
 * - `due`: not published, the deadline has not passed;
 * - `late`: not published and the deadline has passed;
 * - `onTime` / `publishedLate`: published, before or after the deadline.
 */
export type ResultsState = 'notAnalysed' | 'due' | 'late' | 'onTime' | 'publishedLate';

export interface ResultsStatus {
  state: ResultsState;
  /** End of the last working day allowed, ms. */
  deadline?: number;
  /** That day, YYYY-MM-DD in the office's zone. */
  deadlineDate?: string;
}

export function resultsStatus(
  analysedAt: number | undefined,
  publishedAt: number | undefined,
  now: number,
  settings: Pick<NoticeRuleSettings, 'resultsPublishWorkingDays' | 'timeZone'>,
  calendar: WorkCalendar
): ResultsStatus {
  if (analysedAt === undefined) return { state: 'notAnalysed' };
  const deadline = publishDeadline(
    { kind: 'surveyResults', analysedAt },
    settings as NoticeRuleSettings,
    calendar
  );
  if (deadline === undefined) return { state: 'notAnalysed' };
  const deadlineDate = wallTime(deadline, settings.timeZone).date;
  const state: ResultsState =
    publishedAt !== undefined
      ? publishedAt <= deadline
        ? 'onTime'
        : 'publishedLate'
      : now <= deadline
        ? 'due'
        : 'late';
  return { state, deadline, deadlineDate };
}
