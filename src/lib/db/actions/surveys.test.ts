import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { WriteError } from '../write-error';
import type { GuanjiaDexie } from '../database';
import { getSurvey, listAnswers, surveyHouseholds } from '../queries/surveys';
import { generateSurveyAnswers } from '$lib/demo/survey-answers';
import { analyseSurvey } from '$lib/domain/survey/analysis';
import {
  DuplicateAnswer,
  addAction,
  createSurvey,
  draftResultsNotice,
  enterAnswer,
  saveQuestionnaire,
  updateSurvey
} from './surveys';

const manager: Actor = { staffId: 'mgr', role: 'manager' };
const desk: Actor = { staffId: 'desk', role: 'frontDesk' };

/** Two buildings of `n` residential units each. */
async function office(db: GuanjiaDexie, n: number) {
  const units = ['b1', 'b2'].flatMap((b) =>
    Array.from({ length: n }, (_, i) => ({
      op: 'create' as const,
      table: 'unit' as const,
      value: {
        id: `${b}-u${i}`,
        communityId: 'c1',
        buildingId: b,
        room: String(101 + i),
        floor: 1,
        areaM2: 90,
        status: 'occupied' as const
      }
    }))
  );
  await write(
    manager,
    [
      {
        op: 'create',
        table: 'building',
        value: { id: 'b1', communityId: 'c1', code: '1', floors: 6 }
      },
      {
        op: 'create',
        table: 'building',
        value: { id: 'b2', communityId: 'c1', code: '2', floors: 6 }
      },
      ...units
    ],
    { db }
  );
}

async function newSurvey(db: GuanjiaDexie) {
  return createSurvey(
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
}

describe('surveys through the actions', () => {
  it('200 generated answers and 10 from paper give the per-factor analysis', async () => {
    const db = testDatabase();
    await office(db, 110);
    const id = await newSurvey(db);
    const survey = (await getSurvey(id, db))!;
    expect(survey.questions).toHaveLength(11);
    const { households } = await surveyHouseholds('c1', db);
    expect(households).toHaveLength(220);
    expect(households[0].code).toBe('1-101');
    const made = await generateSurveyAnswers(manager, survey, households, 200, {
      at: Date.parse('2026-11-20T10:00:00+08:00'),
      db
    });
    expect(made).toBe(200);
    const answered = new Set((await listAnswers(id, db)).map((a) => a.unitId));
    const paper = households.filter((h) => !answered.has(h.unitId)).slice(0, 10);
    expect(paper).toHaveLength(10);
    for (const h of paper)
      await enterAnswer(
        desk,
        {
          surveyId: id,
          unitId: h.unitId,
          buildingId: h.buildingId,
          values: survey.questions
            .filter((q) => q.kind === 'scale')
            .map((q) => ({ q: q.key, v: q.version, score: 4 })),
          answeredAt: Date.parse('2026-11-25T10:00:00+08:00')
        },
        'paper',
        db
      );
    const answers = await listAnswers(id, db);
    expect(answers).toHaveLength(210);
    expect(answers.filter((a) => a.channel === 'paper')).toHaveLength(10);
    const analysis = analyseSurvey(survey, answers, households.length);
    expect(analysis.answers).toBe(210);
    expect(analysis.factors).toHaveLength(10);
    expect(analysis.factors.every((f) => f.result.ratings > 150)).toBe(true);
    expect(analysis.buildings.map((b) => b.buildingId).sort()).toEqual(['b1', 'b2']);
    expect(analysis.what.length).toBeGreaterThan(3);
  });

  it('refuses a second answer from the same household, whoever types it, nothing written', async () => {
    const db = testDatabase();
    await office(db, 2);
    const id = await newSurvey(db);
    const answer = {
      surveyId: id,
      unitId: 'b1-u0',
      buildingId: 'b1',
      values: [{ q: 'f1', v: 1, score: 5 }],
      answeredAt: 0
    };
    await enterAnswer(desk, answer, 'paper', db);
    const again = await enterAnswer(
      manager,
      { ...answer, values: [{ q: 'f1', v: 1, score: 1 }] },
      'paper',
      db
    ).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DuplicateAnswer);
    expect((again as DuplicateAnswer).channel).toBe('paper');
    const answers = await listAnswers(id, db);
    expect(answers).toHaveLength(1);
    expect(answers[0].values[0].score).toBe(5);
    const empty = await enterAnswer(
      desk,
      { ...answer, unitId: 'b1-u1', values: [] },
      'paper',
      db
    ).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(WriteError);
  });

  it('an edited question keeps the answers to its earlier version', async () => {
    const db = testDatabase();
    await office(db, 2);
    const id = await newSurvey(db);
    await enterAnswer(
      desk,
      {
        surveyId: id,
        unitId: 'b1-u0',
        buildingId: 'b1',
        values: [{ q: 'f1', v: 1, score: 5 }],
        answeredAt: 0
      },
      'paper',
      db
    );
    const before = (await getSurvey(id, db))!;
    await saveQuestionnaire(
      manager,
      before,
      before.questions.map(({ version: _v, ...q }) =>
        q.key === 'f1' ? { ...q, text: { ...q.text, 'zh-Hans': '服务一次做好' } } : q
      ),
      db
    );
    const after = (await getSurvey(id, db))!;
    expect(after.questions[0]).toMatchObject({ key: 'f1', version: 2 });
    expect(after.earlier[0]).toMatchObject({ key: 'f1', version: 1 });
    const analysis = analyseSurvey(after, await listAnswers(id, db));
    expect(analysis.factors[0].result.rate).toBe(100);
  });

  it('the desk may not change the questionnaire; the results notice carries the analysis time', async () => {
    const db = testDatabase();
    await office(db, 1);
    const id = await newSurvey(db);
    await expect(updateSurvey(desk, id, { status: 'open' }, db)).rejects.toBeInstanceOf(WriteError);
    const analysedAt = Date.parse('2026-12-01T17:00:00+08:00');
    await updateSurvey(manager, id, { analysedAt, status: 'closed' }, db);
    await addAction(
      manager,
      {
        surveyId: id,
        factor: 'responsiveness',
        title: '夜间值班电话转接手机',
        ownerId: 'mgr',
        dueOn: '2027-01-15'
      },
      db
    );
    const noticeId = await draftResultsNotice(
      manager,
      (await getSurvey(id, db))!,
      { title: '2026年度满意度调查结果公布', body: '总体满意率 90%' },
      db
    );
    const notice = await db.notice.get(noticeId);
    expect(notice).toMatchObject({ kind: 'surveyResults', analysedAt, communityId: 'c1' });
    expect((await getSurvey(id, db))!.resultsNoticeId).toBe(noticeId);
  });
});
