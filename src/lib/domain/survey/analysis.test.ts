import { describe, expect, it } from 'vitest';
import { analyseSurvey, compareWith, isSatisfied, weakFactors } from './analysis';
import { defaultQuestionnaire, reviseQuestionnaire } from './questionnaire';
import { topicOf } from './topics';
import type { AnswerValue } from '../records/survey-answer';

const survey = { questions: defaultQuestionnaire(), earlier: [] };
/** An answer giving the same score to every factor, with optional extras. */
function answer(
  unitId: string,
  buildingId: string,
  scores: (number | undefined)[],
  extra: AnswerValue[] = []
) {
  return {
    unitId,
    buildingId,
    values: [...scores.map((score, i) => ({ q: `f${i + 1}`, v: 1, score })), ...extra]
  };
}
const all = (s: number | undefined) => Array.from({ length: 10 }, () => s);

describe('survey arithmetic', () => {
  it('satisfied = top quarter of the scale: 4 and 5 of 5, 8–10 of 10', () => {
    expect([1, 2, 3, 4, 5].map((s) => isSatisfied(s, 5))).toEqual([
      false,
      false,
      false,
      true,
      true
    ]);
    expect([7, 8, 10].map((s) => isSatisfied(s, 10))).toEqual([false, true, true]);
  });

  it('rate = satisfied ratings ÷ ratings given; blanks count in neither', () => {
    const a = analyseSurvey(
      survey,
      [
        answer('u1', 'b1', all(5)),
        answer('u2', 'b1', all(4)),
        answer('u3', 'b2', all(3)),
        answer('u4', 'b2', all(undefined))
      ],
      8
    );
    expect(a.answers).toBe(4);
    expect(a.responseRate).toBe(50);
    const reliability = a.factors.find((f) => f.factor === 'reliability')!.result;
    expect(reliability).toMatchObject({ ratings: 3, satisfied: 2, rate: 66.7 });
    // score: (100 + 75 + 50) / 3
    expect(reliability.score).toBe(75);
    expect(reliability.bands).toEqual([0, 0, 1, 1, 1]);
    expect(a.overall).toMatchObject({ ratings: 30, satisfied: 20, rate: 66.7 });
    const b1 = a.buildings.find((b) => b.buildingId === 'b1')!;
    const b2 = a.buildings.find((b) => b.buildingId === 'b2')!;
    expect(b1.overall.rate).toBe(100);
    expect(b2.overall.rate).toBe(0);
    expect(b2.answers).toBe(2);
    expect(b2.factors.tangibles?.ratings).toBe(1);
  });

  it('a factor nobody rated has no rate (not 0 %)', () => {
    const scores = all(5);
    scores[9] = undefined;
    const a = analyseSurvey(survey, [answer('u1', 'b1', scores)]);
    expect(a.factors.find((f) => f.factor === 'tangibles')!.result.rate).toBeNull();
    expect(a.responseRate).toBeNull();
  });

  it('answers to an earlier version stay readable after the questionnaire is edited', () => {
    const edited = survey.questions.map(({ version: _v, ...q }) =>
      q.key === 'f1'
        ? { ...q, text: { ...q.text, 'zh-Hans': '服务正确无误、一次做好' }, scaleMax: 10 }
        : q
    );
    const revised = reviseQuestionnaire(survey.questions, [], edited);
    expect(revised.questions[0].version).toBe(2);
    expect(revised.questions[1].version).toBe(1);
    expect(revised.earlier.map((q) => `${q.key}@${q.version}`)).toEqual(['f1@1']);
    const a = analyseSurvey(revised, [
      { unitId: 'u1', buildingId: 'b1', values: [{ q: 'f1', v: 1, score: 5 }] },
      { unitId: 'u2', buildingId: 'b1', values: [{ q: 'f1', v: 2, score: 7 }] }
    ]);
    // 5 of 5 is satisfied; 7 of 10 is not.
    expect(a.factors[0].result).toMatchObject({ ratings: 2, satisfied: 1, rate: 50 });
  });

  it('removing a question keeps it for old answers; adding one gets a fresh version', () => {
    const without = survey.questions
      .filter((q) => q.key !== 'what')
      .map(({ version: _v, ...q }) => q);
    const r1 = reviseQuestionnaire(survey.questions, [], without);
    expect(r1.earlier.map((q) => q.key)).toEqual(['what']);
    const { version: _w, ...what } = survey.questions[10];
    const back = [...without, what];
    const r2 = reviseQuestionnaire(r1.questions, r1.earlier, back);
    expect(r2.questions.find((q) => q.key === 'what')!.version).toBe(2);
  });

  it('groups "why" by factor, lowest first, and "what" by topic', () => {
    const a = analyseSurvey(survey, [
      answer('u1', 'b1', all(5), [{ q: 'what', v: 1, text: '电梯经常坏，希望尽快维修' }]),
      answer('u2', 'b1', all(2), [{ q: 'what', v: 1, text: '地库停车位太少' }]),
      answer('u3', 'b1', all(4), [{ q: 'what', v: 1, text: '垃圾清运不及时' }]),
      answer('u4', 'b1', all(4), [{ q: 'what', v: 1, text: '楼道卫生要加强' }]),
      {
        unitId: 'u5',
        buildingId: 'b1',
        values: [
          { q: 'f2', v: 1, score: 4, text: '报修后第二天才来' },
          { q: 'f2', v: 1, score: 1, text: '打电话没人接' }
        ]
      }
    ]);
    expect(a.why).toEqual([
      {
        factor: 'responsiveness',
        comments: [
          { text: '打电话没人接', score: 1, max: 5, unitId: 'u5' },
          { text: '报修后第二天才来', score: 4, max: 5, unitId: 'u5' }
        ]
      }
    ]);
    expect(a.what[0]).toEqual({ topic: 'cleaning', texts: ['垃圾清运不及时', '楼道卫生要加强'] });
    expect(a.what.map((w) => w.topic).sort()).toEqual(['cleaning', 'parking', 'repairs']);
    expect(topicOf('Nothing in particular')).toBe('other');
  });

  it('compares with last year factor by factor, in percentage points', () => {
    const now = analyseSurvey(survey, [answer('u1', 'b1', all(5)), answer('u2', 'b1', all(3))]);
    const before = analyseSurvey(survey, [
      answer('u1', 'b1', all(5)),
      answer('u2', 'b1', all(2)),
      answer('u3', 'b1', all(2)),
      answer('u4', 'b1', all(2))
    ]);
    const c = compareWith(now, before);
    expect(c.overall).toEqual({ rate: 50, previous: 25, change: 25 });
    expect(c.factors[0]).toEqual({ factor: 'reliability', rate: 50, previous: 25, change: 25 });
    expect(compareWith(now, undefined).overall.change).toBeNull();
    expect(weakFactors(now, 90)).toHaveLength(10);
  });
});
