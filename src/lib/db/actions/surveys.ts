import type { Survey, SurveyQuestion } from '$lib/domain/records/survey';
import { surveyAnswerId, type AnswerValue } from '$lib/domain/records/survey-answer';
import { defaultQuestionnaire, reviseQuestionnaire } from '$lib/domain/survey/questionnaire';
import { database, type GuanjiaDexie } from '../database';
import { write, type Actor, type Change } from '../write';
import { WriteError } from '../write-error';
import type { NoticeDraft } from './notices';
import { newId } from '../ids';

export interface NewSurvey {
  communityId: string;
  title: string;
  year: number;
  kind: Survey['kind'];
  opensOn: string;
  closesOn: string;
}

/** 18 random bytes, base64url: the secret the household codes derive from. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** A survey with the default questionnaire of the ten factors (000 第二节), as a draft. */
export async function createSurvey(
  actor: Actor,
  value: NewSurvey,
  db: GuanjiaDexie = database()
): Promise<string> {
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'survey',
        value: {
          ...value,
          status: 'draft',
          questions: defaultQuestionnaire(),
          earlier: [],
          codeKey: randomKey(),
          conclusions: ''
        }
      }
    ],
    { db }
  );
  return id;
}

/** The office's edit of the questionnaire; changed questions get a new version. */
export async function saveQuestionnaire(
  actor: Actor,
  survey: Survey,
  edited: Omit<SurveyQuestion, 'version'>[],
  db: GuanjiaDexie = database()
): Promise<void> {
  const { questions, earlier } = reviseQuestionnaire(survey.questions, survey.earlier, edited);
  await write(
    actor,
    [{ op: 'update', table: 'survey', id: survey.id, patch: { questions, earlier } }],
    {
      db
    }
  );
}

export async function updateSurvey(
  actor: Actor,
  id: string,
  patch: Partial<
    Pick<
      Survey,
      'status' | 'title' | 'opensOn' | 'closesOn' | 'analysedAt' | 'conclusions' | 'previousId'
    >
  >,
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'survey', id, patch }], { db });
}

/** The household already answered: the desk says whose answer it is and when it came. */
export class DuplicateAnswer extends Error {
  constructor(
    readonly channel: 'paper' | 'link',
    readonly answeredAt: number
  ) {
    super('surveys.answer.duplicate');
    this.name = 'DuplicateAnswer';
  }
}

export interface PaperAnswer {
  surveyId: string;
  unitId: string;
  buildingId: string;
  values: AnswerValue[];
  answeredAt: number;
}

/**
 * Types a paper questionnaire in (issue 16 §5): one answer per household — the answer's id
 * is the household's, and a household that already answered is refused (DuplicateAnswer),
 * nothing written.
 */
export async function enterAnswer(
  actor: Actor,
  answer: PaperAnswer,
  channel: 'paper' | 'link' = 'paper',
  db: GuanjiaDexie = database(),
  /** A link answer: the submission it came from, and what changes with it in the same write. */
  link?: { submissionId: string; with: Change[] }
): Promise<string> {
  const id = surveyAnswerId(answer.surveyId, answer.unitId);
  const existing = await db.surveyAnswer.get(id);
  if (existing && !existing.deleted)
    throw new DuplicateAnswer(
      existing.channel === 'link' ? 'link' : 'paper',
      Number(existing.answeredAt)
    );
  if (!answer.values.some((v) => v.score !== undefined || v.text))
    throw new WriteError('invalid', [
      { change: 0, path: [], message: 'surveys.answer.empty', code: 'custom' }
    ]);
  await write(
    actor,
    [
      {
        op: 'create',
        table: 'surveyAnswer',
        value: {
          id,
          ...answer,
          channel,
          enteredBy: channel === 'paper' ? actor.staffId : undefined,
          ...(link ? { submissionId: link.submissionId } : {})
        }
      },
      ...(link?.with ?? [])
    ],
    { db }
  );
  return id;
}

/** The survey's owner links (tags per building, the questionnaire's copy on the relay). */
export async function setSurveyOwnerLinks(
  actor: Actor,
  id: string,
  ownerLinks: NonNullable<Survey['ownerLinks']>,
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'survey', id, patch: { ownerLinks } }], { db });
}

/**
 * Drafts the results notice (kind surveyResults) from the survey: the notice editor then
 * checks 001 §4.2 item 5 (5 working days from `analysedAt`) at publication.
 */
export async function draftResultsNotice(
  actor: Actor,
  survey: Survey,
  draft: Pick<NoticeDraft, 'title' | 'body'>,
  db: GuanjiaDexie = database()
): Promise<string> {
  // One write: the notice and the survey's link to it, both or neither.
  const id = newId();
  await write(
    actor,
    [
      {
        op: 'create',
        table: 'notice',
        value: {
          id,
          kind: 'surveyResults',
          communityId: survey.communityId,
          title: draft.title,
          body: draft.body,
          analysedAt: survey.analysedAt,
          scope: 'community'
        }
      },
      { op: 'update', table: 'survey', id: survey.id, patch: { resultsNoticeId: id } }
    ],
    { db }
  );
  return id;
}

export interface NewAction {
  surveyId: string;
  factor?: Survey['questions'][number]['factor'];
  title: string;
  ownerId: string;
  dueOn: string;
}

export async function addAction(
  actor: Actor,
  value: NewAction,
  db: GuanjiaDexie = database()
): Promise<string> {
  const [id] = await write(actor, [{ op: 'create', table: 'surveyAction', value }], { db });
  return id;
}

export async function completeAction(
  actor: Actor,
  id: string,
  doneNote: string,
  now = Date.now(),
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(
    actor,
    [{ op: 'update', table: 'surveyAction', id, patch: { doneAt: now, doneNote } }],
    {
      db,
      now
    }
  );
}
