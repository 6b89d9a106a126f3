import { getLunarFestivals } from 'chinese-days';
import type { Role } from '../roles';
import type { PlanTaskKind } from '../records/crm-plan-task';

/**
 * Drafting the yearly CRM plan (002 年度客户关系管理计划) from the office's data: the status
 * analysis, and the year's calendar — festivals and fixed days the office keeps, attention
 * to special-care households, the duty to publish fee and maintenance-fund use, surveys.
 * Pure: the caller gathers the figures; lunar dates come from the maintained `chinese-days`.
 */

/** Festivals of the lunar calendar the office keeps (002 节日活动), by chinese-days' names. */
export const lunarFestivals = ['春节', '元宵节', '端午节', '中秋节', '重阳节'] as const;
export type LunarFestival = (typeof lunarFestivals)[number];

/** The Gregorian dates of the lunar festivals in a year: 重阳 2027 → 2027-10-08. */
export function festivalDates(year: number): Record<LunarFestival, string> {
  const found = getLunarFestivals(`${year}-01-01`, `${year}-12-31`);
  const out = {} as Record<LunarFestival, string>;
  for (const f of found)
    for (const name of f.name)
      if ((lunarFestivals as readonly string[]).includes(name) && !(name in out))
        out[name as LunarFestival] = f.date;
  return out;
}

export interface DraftTask {
  /** Stable within a year, so drafting twice does not duplicate items. */
  key: string;
  kind: PlanTaskKind;
  /** An i18n key for the item's title, with params; the page stores the translated title. */
  titleKey: string;
  params?: Record<string, string | number>;
  date: string;
  place: string;
  people: string;
  assigneeRole?: Role;
}

export interface StatusFigures {
  year: number;
  units: number;
  occupiedHouseholds: number;
  residents: number;
  owners: number;
  tenants: number;
  moveIns: number;
  moveOuts: number;
  specialCare: { disabled: number; elderlyAlone: number; specialContributor: number };
  /** Requests of the past year by kind, and the most frequent repair and complaint topics. */
  requests: number;
  complaints: number;
  topRepairs: { category: string; count: number }[];
  topComplaints: { category: string; count: number }[];
}

/** The office's own fixed days (002: 社区文化活动), added to the festivals; month-day. */
export interface OwnDay {
  monthDay: string;
  title: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The draft calendar of a year. Dates: the lunar festivals of that year; 119 消防日 on
 * 9 November (全国消防日) with a fire drill there and one in spring (004 八: at least two
 * drills a year); the satisfaction survey in the office's survey month (000) and a second
 * one half a year before (002: 1–2 a year); fee and maintenance-fund use published each
 * quarter (002, 001 §4.2 item 5); special-care households visited each quarter and on the
 * 重阳 and Spring festivals (002 特殊关怀).
 */
export function draftTasks(
  year: number,
  options: { surveyMonth: number; ownDays?: readonly OwnDay[]; specialCareHouseholds: number }
): DraftTask[] {
  const f = festivalDates(year);
  const desk = 'frontDesk' as const;
  const tasks: DraftTask[] = [];
  const add = (t: DraftTask) => tasks.push(t);
  const festival = (name: LunarFestival, titleKey: string, place: string, people: string) => {
    if (f[name])
      add({ key: `festival:${name}`, kind: 'festival', titleKey, date: f[name], place, people });
  };
  festival('春节', 'plan.task.springFestival', 'plan.place.lobby', 'plan.people.allStaff');
  festival('元宵节', 'plan.task.lantern', 'plan.place.square', 'plan.people.desk');
  festival('端午节', 'plan.task.dragonBoat', 'plan.place.clubhouse', 'plan.people.desk');
  festival('中秋节', 'plan.task.midAutumn', 'plan.place.square', 'plan.people.allStaff');
  if (f['重阳节'])
    add({
      key: 'specialCare:重阳',
      kind: 'specialCare',
      titleKey: 'plan.task.doubleNinth',
      params: { n: options.specialCareHouseholds },
      date: f['重阳节'],
      place: 'plan.place.homes',
      people: 'plan.people.managerDesk',
      assigneeRole: 'supervisor'
    });
  if (f['春节']) {
    // A visit to the special-care households in the week before the Spring Festival.
    const d = new Date(`${f['春节']}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7);
    add({
      key: 'specialCare:春节',
      kind: 'specialCare',
      titleKey: 'plan.task.springVisit',
      params: { n: options.specialCareHouseholds },
      date: d.toISOString().slice(0, 10),
      place: 'plan.place.homes',
      people: 'plan.people.managerDesk',
      assigneeRole: 'supervisor'
    });
  }
  add({
    key: 'fire:119',
    kind: 'fireSafety',
    titleKey: 'plan.task.fireDay',
    date: `${year}-11-09`,
    place: 'plan.place.square',
    people: 'plan.people.securityDesk',
    assigneeRole: 'security'
  });
  add({
    key: 'fire:spring',
    kind: 'fireSafety',
    titleKey: 'plan.task.fireDrill',
    date: `${year}-05-12`,
    place: 'plan.place.square',
    people: 'plan.people.securityDesk',
    assigneeRole: 'security'
  });
  for (const q of [1, 2, 3, 4]) {
    const month = q * 3 - 2;
    add({
      key: `publishing:${q}`,
      kind: 'publishing',
      titleKey: 'plan.task.publishFees',
      params: { q },
      date: `${year}-${pad(month)}-15`,
      place: 'plan.place.noticeBoards',
      people: 'plan.people.managerFinance',
      assigneeRole: 'manager'
    });
    add({
      key: `specialCare:q${q}`,
      kind: 'specialCare',
      titleKey: 'plan.task.careVisits',
      params: { q, n: options.specialCareHouseholds },
      date: `${year}-${pad(month + 1)}-10`,
      place: 'plan.place.homes',
      people: 'plan.people.desk',
      assigneeRole: desk
    });
  }
  const survey = options.surveyMonth;
  add({
    key: 'survey:main',
    kind: 'survey',
    titleKey: 'plan.task.survey',
    date: `${year}-${pad(survey)}-01`,
    place: 'plan.place.allHouseholds',
    people: 'plan.people.managerDesk',
    assigneeRole: 'manager'
  });
  add({
    key: 'survey:second',
    kind: 'survey',
    titleKey: 'plan.task.survey2',
    date: `${year}-${pad(((survey + 5) % 12) + 1)}-01`,
    place: 'plan.place.allHouseholds',
    people: 'plan.people.managerDesk',
    assigneeRole: 'manager'
  });
  for (const own of options.ownDays ?? [])
    add({
      key: `own:${own.monthDay}:${own.title}`,
      kind: 'event',
      titleKey: 'plan.task.own',
      params: { title: own.title },
      date: `${year}-${own.monthDay}`,
      place: 'plan.place.square',
      people: 'plan.people.allStaff'
    });
  return tasks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** 002 客户状况分析 as lines the manager edits: composition, changes, new needs. */
export function analysisLines(
  s: StatusFigures
): { key: string; params: Record<string, string | number> }[] {
  const care = s.specialCare;
  return [
    {
      key: 'plan.analysis.composition',
      params: {
        units: s.units,
        occupied: s.occupiedHouseholds,
        residents: s.residents,
        owners: s.owners,
        tenants: s.tenants
      }
    },
    { key: 'plan.analysis.changes', params: { moveIns: s.moveIns, moveOuts: s.moveOuts } },
    {
      key: 'plan.analysis.specialCare',
      params: {
        total: care.disabled + care.elderlyAlone + care.specialContributor,
        disabled: care.disabled,
        elderly: care.elderlyAlone,
        contributors: care.specialContributor
      }
    },
    {
      key: 'plan.analysis.needs',
      params: {
        requests: s.requests,
        complaints: s.complaints,
        repairs: s.topRepairs.map((c) => `${c.category} ${c.count}`).join('、') || '—',
        complaintTopics: s.topComplaints.map((c) => `${c.category} ${c.count}`).join('、') || '—'
      }
    }
  ];
}
