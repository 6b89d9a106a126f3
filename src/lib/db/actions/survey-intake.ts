import { zonedDate } from '$lib/domain/calendar/zoned';
import type { OwnerSubmission } from '$lib/domain/records/owner-submission';
import { surveyAnswerId } from '$lib/domain/records/survey-answer';
import { codeTable, normaliseCode } from '$lib/domain/survey/household-code';
import {
  linkAnswer,
  surveyLinkAnswerSchema,
  type LinkAnswerOutcome
} from '$lib/domain/survey/link-answer';
import { withoutClocks } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';
import { getSettings } from '../queries/office';
import { getSurvey, listAnswers, surveyHouseholds } from '../queries/surveys';
import { write, type Actor, type Change } from '../write';
import { DuplicateAnswer, enterAnswer } from './surveys';

/**
 * Owner answers by link at the desk (issue 16 §5): each `survey` submission the inbox loop
 * stored (lib/owner-inbox/intake.ts) becomes the household's answer — `linkAnswer()` checks
 * it, `enterAnswer(…, 'link')` writes it in one write with the submission's state — or is set
 * aside as read with the reason it was not counted (a code of no household, the survey closed,
 * the household already answered, nothing answered). Nothing half-written: an answer and its
 * submission's state go together.
 *
 * Two tablets may fetch the same submission (same record id, lib/owner-inbox/intake.ts): the
 * answer's id is the household's and names its submission, so the second tablet finds the
 * answer it would write and only marks the submission taken; done at the same moment offline,
 * both write the same answer id and the records merge into one.
 */
export interface SurveyIntake {
  taken: string[];
  refused: { id: string; reason: Exclude<LinkAnswerOutcome, { ok: true }>['reason'] }[];
}

type Survey = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;

export async function takeSurveySubmissions(
  actor: Actor,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<SurveyIntake> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const result: SurveyIntake = { taken: [], refused: [] };
  const waiting = (await db.ownerSubmission.where('state').equals('new').toArray())
    .map((r) => withoutClocks(r) as unknown as OwnerSubmission)
    .filter((s) => s.type === 'survey' && !s.deleted)
    // Oldest first: of two answers of one household, the first to reach the relay counts.
    .sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id));
  if (!waiting.length) return result;
  const zone = (await getSettings(db)).timeZone;

  const surveys = new Map<
    string,
    { survey: Survey; codes: Map<string, string>; buildings: Map<string, string> } | null
  >();
  async function surveyOf(id: string) {
    if (!surveys.has(id)) {
      const survey = await getSurvey(id, db);
      if (!survey) surveys.set(id, null);
      else {
        const { households } = await surveyHouseholds(survey.communityId, db);
        surveys.set(id, {
          survey,
          codes: codeTable(
            survey.codeKey,
            survey.id,
            households.map((h) => h.unitId)
          ),
          buildings: new Map(households.map((h) => [h.unitId, h.buildingId]))
        });
      }
    }
    return surveys.get(id) ?? undefined;
  }

  const handled = (id: string, patch: Partial<OwnerSubmission>): Change => ({
    op: 'update',
    table: 'ownerSubmission',
    id,
    patch: { ...patch, handledBy: actor.staffId, handledAt: now }
  });
  const refuse = async (id: string, reason: SurveyIntake['refused'][number]['reason']) => {
    await write(actor, [handled(id, { state: 'read', refusal: reason })], { db, now });
    result.refused.push({ id, reason });
  };

  for (const submission of waiting) {
    const parsed = surveyLinkAnswerSchema.safeParse(submission.data);
    if (!parsed.success) {
      await refuse(submission.id, 'malformed');
      continue;
    }
    const known = await surveyOf(parsed.data.s);
    // A survey this device does not hold (yet): left waiting for sync or another device.
    if (!known) continue;
    const { survey, codes, buildings } = known;
    const unitId = codes.get(normaliseCode(parsed.data.c));
    if (unitId) {
      const existing = await db.surveyAnswer.get(surveyAnswerId(survey.id, unitId));
      if (existing && !existing.deleted && existing.submissionId === submission.id) {
        // Taken on another tablet: this is that answer, not a second one.
        await write(actor, [handled(submission.id, { state: 'accepted' })], { db, now });
        result.taken.push(submission.id);
        continue;
      }
    }
    const answered = new Set((await listAnswers(survey.id, db)).map((a) => a.unitId));
    const outcome = linkAnswer(
      survey,
      parsed.data,
      codes,
      answered,
      zonedDate(submission.receivedAt, zone)
    );
    if (!outcome.ok) {
      await refuse(submission.id, outcome.reason);
      continue;
    }
    try {
      await enterAnswer(
        actor,
        {
          surveyId: survey.id,
          unitId: outcome.unitId,
          buildingId: buildings.get(outcome.unitId) ?? '',
          values: outcome.values,
          // The phone's time when it is plausible (sent later from its outbox), else the relay's.
          answeredAt:
            submission.sentAt > 0 && submission.sentAt <= submission.receivedAt
              ? submission.sentAt
              : submission.receivedAt
        },
        'link',
        db,
        { submissionId: submission.id, with: [handled(submission.id, { state: 'accepted' })] }
      );
      result.taken.push(submission.id);
    } catch (error) {
      if (!(error instanceof DuplicateAnswer)) throw error;
      await refuse(submission.id, 'duplicate');
    }
  }
  return result;
}
