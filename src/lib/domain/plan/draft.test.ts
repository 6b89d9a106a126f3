import { describe, expect, it } from 'vitest';
import { draftTasks, festivalDates } from './draft';

describe('the yearly plan draft (002)', () => {
  it('finds the lunar festivals of 2027', () => {
    expect(festivalDates(2027)).toEqual({
      春节: '2027-02-06',
      元宵节: '2027-02-20',
      端午节: '2027-06-09',
      中秋节: '2027-09-15',
      重阳节: '2027-10-08'
    });
  });
  it('puts the 重阳 visit to the elderly and 119 fire day on the calendar, in date order', () => {
    const tasks = draftTasks(2027, { surveyMonth: 11, specialCareHouseholds: 12 });
    expect(tasks.find((t) => t.key === 'specialCare:重阳')).toMatchObject({
      date: '2027-10-08',
      kind: 'specialCare'
    });
    expect(tasks.find((t) => t.key === 'fire:119')).toMatchObject({
      date: '2027-11-09',
      kind: 'fireSafety'
    });
    expect(tasks.filter((t) => t.kind === 'publishing')).toHaveLength(4);
    expect(tasks.find((t) => t.key === 'survey:main')?.date).toBe('2027-11-01');
    expect(tasks.find((t) => t.key === 'survey:second')?.date).toBe('2027-05-01');
    expect(tasks.find((t) => t.key === 'specialCare:春节')?.date).toBe('2027-01-30');
    const dates = tasks.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(tasks.map((t) => t.key)).size).toBe(tasks.length);
  });
  it("adds the office's own days", () => {
    const tasks = draftTasks(2027, {
      surveyMonth: 11,
      specialCareHouseholds: 0,
      ownDays: [{ monthDay: '06-18', title: '社区邻里节' }]
    });
    expect(tasks.find((t) => t.kind === 'event')).toMatchObject({
      date: '2027-06-18',
      params: { title: '社区邻里节' }
    });
  });
});
