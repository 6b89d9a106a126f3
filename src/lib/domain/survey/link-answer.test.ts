import { describe, expect, it } from 'vitest';
import { codeTable, householdCode } from './household-code';
import { linkAnswer } from './link-answer';
import { defaultQuestionnaire } from './questionnaire';

const survey = { id: 's1', questions: defaultQuestionnaire(), earlier: [] };
const key = 'a-survey-secret-key-123';
const codes = codeTable(key, 's1', ['u1', 'u2']);
const code1 = householdCode(key, 's1', 'u1');

describe('an owner answer by link', () => {
  it('finds the household from the code and keeps only what the questionnaire asks', () => {
    const outcome = linkAnswer(
      survey,
      {
        s: 's1',
        c: code1.toLowerCase(),
        a: [
          { q: 'f1', v: 1, s: 5, t: '  很好 ' },
          { q: 'f2', v: 1, s: 9 }, // outside the scale: dropped
          { q: 'f3', v: 7, s: 4 }, // a version the survey never had
          { q: 'what', v: 1, t: '停车位太少' }
        ]
      },
      codes,
      new Set()
    );
    expect(outcome).toEqual({
      ok: true,
      unitId: 'u1',
      values: [
        { q: 'f1', v: 1, score: 5, text: '很好' },
        { q: 'what', v: 1, score: undefined, text: '停车位太少' }
      ]
    });
  });

  it('refuses a wrong code, another survey, a second answer, an empty one, junk', () => {
    const a = [{ q: 'f1', v: 1, s: 4 }];
    const reason = (data: unknown, answered = new Set<string>()) => {
      const o = linkAnswer(survey, data, codes, answered);
      return o.ok ? 'ok' : o.reason;
    };
    expect(reason({ s: 's1', c: 'ZZZZZZ', a })).toBe('unknownCode');
    expect(reason({ s: 's2', c: code1, a })).toBe('otherSurvey');
    expect(reason({ s: 's1', c: code1, a }, new Set(['u1']))).toBe('duplicate');
    expect(reason({ s: 's1', c: code1, a: [{ q: 'f1', v: 1 }] })).toBe('empty');
    expect(reason({ s: 's1', c: code1, a: 'x' })).toBe('malformed');
    expect(reason('<script>')).toBe('malformed');
  });
});
