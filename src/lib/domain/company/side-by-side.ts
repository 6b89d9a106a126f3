import { indicatorKeys, type IndicatorKey, type IndicatorValue } from '../indicators/formulas';
import type { TicketIndexRow } from '../tickets/index-row';
import type { TicketKind } from '../records/ticket';
import { currentDue, type DueKind, type SlaSettings } from '../tickets/sla';
import { returnVisitDue, type ReturnVisitSettings } from '../today/tickets';

/**
 * Issue 21 §4, the company view: each office's figures (computed on the company device from
 * that office's own database by the same pure functions the office's report uses) laid out
 * side by side. Pure: no storage, no clock (`now` is given).
 */

/** One open item past its deadline, without any name or phone (the company role sees no PII). */
export interface OverdueItem {
  ticketId: string;
  number: string;
  kind: TicketKind;
  category: string;
  /** What is late: the engineer's arrival, an urgent repair's day, a complaint's deadline, or the return visit. */
  due: DueKind | 'returnVisit';
  dueAt: number;
}

export interface OpenWork {
  openComplaints: number;
  overdue: OverdueItem[];
}

/**
 * Open complaints and the open items past a deadline (lib/domain/tickets/sla.ts: arrival
 * 004, urgent same day 004 急修不过夜, complaint deadline 003 §3.3.4 item 2; and return
 * visits 003 §3.3/§3.4), from the open rows of the derived request index. Overdue items
 * oldest deadline first.
 */
export function openWork(
  rows: readonly TicketIndexRow[],
  settings: SlaSettings & ReturnVisitSettings,
  now: number
): OpenWork {
  let openComplaints = 0;
  const overdue: OverdueItem[] = [];
  for (const r of rows) {
    if (r.open !== 1) continue;
    if (r.kind === 'complaint') openComplaints++;
    const item = { ticketId: r.ticketId, number: r.number, kind: r.kind, category: r.category };
    const due = currentDue(r, { ...r, open: true, ignored: [] }, settings);
    if (due && now > due.dueAt) overdue.push({ ...item, due: due.kind, dueAt: due.dueAt });
    const visit = returnVisitDue(r, settings);
    if (visit && now > visit.dueAt)
      overdue.push({ ...item, due: 'returnVisit', dueAt: visit.dueAt });
  }
  overdue.sort((a, b) => a.dueAt - b.dueAt || (a.number < b.number ? -1 : 1));
  return { openComplaints, overdue };
}

/** What the company device knows of one office for the month shown. */
export interface OfficeFigures extends OpenWork {
  office: string;
  officeName: string;
  /** The office's communities (an office usually runs one). */
  communities: string[];
  month: string;
  indicators: IndicatorValue[];
}

export interface SideBySideColumn {
  office: string;
  officeName: string;
  communities: string[];
}

export type SideBySideRow =
  | { kind: 'indicator'; key: IndicatorKey; cells: (IndicatorValue | null)[] }
  | { kind: 'count'; key: 'openComplaints' | 'overdue'; cells: number[] };

export interface SideBySide {
  columns: SideBySideColumn[];
  rows: SideBySideRow[];
}

/**
 * One column per office (by name in Chinese collation, then id: the same order on every
 * device), one row per 004 indicator in the report's order, then open complaints and
 * overdue items. Each cell keeps its office's own target and verdict (every office sets its
 * targets); an office without a value for an indicator shows an empty cell.
 */
export function sideBySide(offices: readonly OfficeFigures[]): SideBySide {
  const collator = new Intl.Collator('zh-Hans-CN');
  const sorted = [...offices].sort(
    (a, b) =>
      collator.compare(a.officeName, b.officeName) ||
      (a.office < b.office ? -1 : a.office > b.office ? 1 : 0)
  );
  const rows: SideBySideRow[] = indicatorKeys.map((key) => ({
    kind: 'indicator',
    key,
    cells: sorted.map((o) => o.indicators.find((i) => i.key === key) ?? null)
  }));
  rows.push(
    { kind: 'count', key: 'openComplaints', cells: sorted.map((o) => o.openComplaints) },
    { kind: 'count', key: 'overdue', cells: sorted.map((o) => o.overdue.length) }
  );
  return {
    columns: sorted.map((o) => ({
      office: o.office,
      officeName: o.officeName,
      communities: o.communities
    })),
    rows
  };
}
