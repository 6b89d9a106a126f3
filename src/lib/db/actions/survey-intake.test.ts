import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import type { GuanjiaDexie } from '../database';
import { getSurvey, listAnswers } from '../queries/surveys';
import { listSubmissions } from '../queries/owner-inbox';
import { householdCode } from '$lib/domain/survey/household-code';
import { analyseSurvey } from '$lib/domain/survey/analysis';
import { surveyAnswerId } from '$lib/domain/records/survey-answer';
import { storeSubmissions } from './owner-inbox';
import { createSurvey, enterAnswer, updateSurvey } from './surveys';
import { takeSurveySubmissions } from './survey-intake';

// Issue 16 §5 at the desk: a survey answer sent by link (an inbox submission of type 'survey')
// becomes the household's answer once, whichever tablets fetch it; a forged or expired link,
// a second answer of the household and a bad answer are refused with nothing written.

const manager: Actor = { staffId: 'mgr', role: 'manager' };
const desk: Actor = { staffId: 'desk', role: 'frontDesk' };
const IN_NOVEMBER = Date.parse('2026-11-20T10:00:00+08:00');
const TAG = 'AAAAAAAAAAAAAAAAAAAAAA';

async function office(db: GuanjiaDexie) {
  await write(
    manager,
    [
      {
        op: 'create',
        table: 'building',
        value: { id: 'b1', communityId: 'c1', code: '1', floors: 6 }
      },
      ...['u1', 'u2', 'u3'].map((id, i) => ({
        op: 'create' as const,
        table: 'unit' as const,
        value: {
          id,
          communityId: 'c1',
          buildingId: 'b1',
          room: String(101 + i),
          floor: 1,
          areaM2: 90,
          status: 'occupied' as const
        }
      }))
    ],
    { db }
  );
  const id = await createSurvey(
    manager,
    {
      communityId: 'c1',
      title: '2026年度客户满意度调查',
      year: 2026,
      kind: 'yearly',
      opensOn: '2026-11-01',
      closesOn: '2026-11-30'
    },
    db
  );
  await updateSurvey(manager, id, { status: 'open' }, db);
  return (await getSurvey(id, db))!;
}

/** A stored inbox submission as intake.ts makes it from the sealed bytes. */
function submission(id: string, data: unknown, receivedAt = IN_NOVEMBER) {
  return {
    id,
    type: 'survey',
    tag: TAG,
    receivedAt,
    sentAt: receivedAt - 60_000,
    data: data as Record<string, unknown>
  };
}

const answers = [
  { q: 'f1', v: 1, s: 4, t: '维修及时' },
  { q: 'f5', v: 1, s: 5 },
  { q: 'what', v: 1, t: '停车位太少' }
];

describe('survey answers by link at the desk', () => {
  it('becomes the household answer once, counted beside paper answers', async () => {
    const db = testDatabase();
    const survey = await office(db);
    const code = householdCode(survey.codeKey, survey.id, 'u1');
    await enterAnswer(
      desk,
      {
        surveyId: survey.id,
        unitId: 'u2',
        buildingId: 'b1',
        values: [{ q: 'f1', v: 1, score: 3 }],
        answeredAt: IN_NOVEMBER
      },
      'paper',
      db
    );
    await storeSubmissions(desk, [submission('os1', { s: survey.id, c: code, a: answers })], db);
    expect(await takeSurveySubmissions(desk, { db })).toEqual({ taken: ['os1'], refused: [] });
    const all = await listAnswers(survey.id, db);
    const link = all.find((a) => a.unitId === 'u1');
    expect(link).toMatchObject({
      channel: 'link',
      buildingId: 'b1',
      submissionId: 'os1',
      answeredAt: IN_NOVEMBER - 60_000
    });
    expect(link?.values.map((v) => [v.q, v.score, v.text])).toEqual([
      ['f1', 4, '维修及时'],
      ['f5', 5, undefined],
      ['what', undefined, '停车位太少']
    ]);
    expect((await listSubmissions('accepted', db)).map((s) => s.id)).toEqual(['os1']);
    expect(analyseSurvey(survey, all).answers).toBe(2);
    // Again: nothing waits, nothing more written.
    expect(await takeSurveySubmissions(desk, { db })).toEqual({ taken: [], refused: [] });
    expect(await listAnswers(survey.id, db)).toHaveLength(2);
  });

  it('is one answer when two tablets fetch the same submission', async () => {
    const db = testDatabase();
    const survey = await office(db);
    const code = householdCode(survey.codeKey, survey.id, 'u1');
    const sent = submission('os1', { s: survey.id, c: code, a: answers });
    // Tablet A took it; its answer reached this tablet by sync before the submission's state.
    await write(
      desk,
      [
        {
          op: 'create',
          table: 'surveyAnswer',
          value: {
            id: surveyAnswerId(survey.id, 'u1'),
            surveyId: survey.id,
            unitId: 'u1',
            buildingId: 'b1',
            channel: 'link',
            values: [{ q: 'f1', v: 1, score: 4 }],
            answeredAt: IN_NOVEMBER,
            submissionId: 'os1'
          }
        }
      ],
      { db }
    );
    await storeSubmissions(desk, [sent], db);
    expect(await takeSurveySubmissions(desk, { db })).toEqual({ taken: ['os1'], refused: [] });
    expect(await listAnswers(survey.id, db)).toHaveLength(1);
    expect((await listSubmissions('read', db)).length).toBe(0);
  });

  it('refuses a forged code, an expired link, a second answer and bad answers, writing no answer', async () => {
    const db = testDatabase();
    const survey = await office(db);
    const code1 = householdCode(survey.codeKey, survey.id, 'u1');
    const code3 = householdCode(survey.codeKey, survey.id, 'u3');
    const afterClosing = Date.parse('2026-12-01T00:30:00+08:00');
    await storeSubmissions(
      desk,
      [
        submission('os1', { s: survey.id, c: 'ZZZZZZ', a: answers }),
        // Another survey's secret: a code made without this survey's key.
        submission('os2', {
          s: survey.id,
          c: householdCode('forged-key-000000', survey.id, 'u1'),
          a: answers
        }),
        submission('os3', { s: survey.id, c: code1, a: answers }, afterClosing),
        submission('os4', { s: survey.id, c: code3, a: 'x' }),
        submission('os5', { s: survey.id, c: code3, a: [{ q: 'f1', v: 1, s: 9 }] }),
        submission('os6', { s: survey.id, c: code3, a: [{ q: 'nosuch', v: 1, s: 4 }] }),
        submission('os7', { s: survey.id, c: code1, a: answers }, IN_NOVEMBER + 1),
        submission('os8', { s: survey.id, c: code1, a: [{ q: 'f5', v: 1, s: 1 }] }, IN_NOVEMBER + 2)
      ],
      db
    );
    const { taken, refused } = await takeSurveySubmissions(desk, { db });
    expect(taken).toEqual(['os7']);
    expect(Object.fromEntries(refused.map((r) => [r.id, r.reason]))).toEqual({
      os1: 'unknownCode',
      os2: 'unknownCode',
      os3: 'closed',
      os4: 'malformed',
      os5: 'empty',
      os6: 'empty',
      // One answer per household: the first stays.
      os8: 'duplicate'
    });
    const [only] = await listAnswers(survey.id, db);
    expect(only.values.find((v) => v.q === 'f5')?.score).toBe(5);
    expect(await listAnswers(survey.id, db)).toHaveLength(1);
    const read = await listSubmissions('read', db);
    expect(read.find((s) => s.id === 'os8')?.refusal).toBe('duplicate');

    // A closed survey takes no more answers, whenever they were sent.
    await updateSurvey(manager, survey.id, { status: 'closed' }, db);
    await storeSubmissions(desk, [submission('os9', { s: survey.id, c: code3, a: answers })], db);
    expect((await takeSurveySubmissions(desk, { db })).refused).toEqual([
      { id: 'os9', reason: 'closed' }
    ]);
    expect(await listAnswers(survey.id, db)).toHaveLength(1);
  });
});
