import type { SurveyQuestion } from '../records/survey';
import type { AnswerValue } from '../records/survey-answer';
import { normaliseCode } from './household-code';
import { questionOf } from './questionnaire';
import { surveyLinkAnswerSchema, type SurveyLinkAnswer } from './link-answer-data';

/** What linkAnswer reads of a survey. */
export interface SurveyShapeWithId {
  id: string;
  questions: readonly SurveyQuestion[];
  earlier: readonly SurveyQuestion[];
  status?: 'draft' | 'open' | 'closed';
  /** Last day answers are taken (ISO date, the office's calendar). */
  closesOn?: string;
}

export { surveyLinkAnswerSchema, type SurveyLinkAnswer };

export type LinkAnswerOutcome =
  | { ok: true; unitId: string; values: AnswerValue[] }
  | {
      ok: false;
      reason: 'malformed' | 'otherSurvey' | 'unknownCode' | 'closed' | 'duplicate' | 'empty';
    };

export const linkAnswerRefusals = [
  'malformed',
  'otherSurvey',
  'unknownCode',
  'closed',
  'duplicate',
  'empty'
] as const;

/**
 * Turns what a phone sent into a household's answer, or says why it is not one: not this
 * survey, a code of no household (a forged or mistyped link), the survey closed when it
 * reached the relay (`receivedOn`, the relay's receive day in the office's calendar: the
 * phone's own clock is not trusted), a household that already answered, or nothing answered.
 * Scores outside a question's scale and questions the survey never had are dropped; words
 * are trimmed.
 *
 * A second answer of the same household is refused, the first stays (issue 16 §5 "one answer
 * per household"; DOMAIN.md "Satisfaction survey" counts households' answers and gives no rule
 * for replacing one): as with paper, where the desk refuses a second sheet of a household.
 */
export function linkAnswer(
  survey: SurveyShapeWithId,
  data: unknown,
  codeToUnit: ReadonlyMap<string, string>,
  answered: ReadonlySet<string>,
  receivedOn?: string
): LinkAnswerOutcome {
  const parsed = surveyLinkAnswerSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { s, c, a } = parsed.data;
  if (s !== survey.id) return { ok: false, reason: 'otherSurvey' };
  const unitId = codeToUnit.get(normaliseCode(c));
  if (!unitId) return { ok: false, reason: 'unknownCode' };
  if (
    survey.status === 'closed' ||
    (receivedOn !== undefined && survey.closesOn !== undefined && receivedOn > survey.closesOn)
  )
    return { ok: false, reason: 'closed' };
  if (answered.has(unitId)) return { ok: false, reason: 'duplicate' };
  const values: AnswerValue[] = [];
  for (const item of a) {
    const q = questionOf(survey, item.q, item.v);
    if (!q) continue;
    const score =
      q.kind === 'scale' &&
      item.s !== undefined &&
      Number.isInteger(item.s) &&
      item.s >= 1 &&
      item.s <= q.scaleMax
        ? item.s
        : undefined;
    const text = item.t?.trim() || undefined;
    if (score !== undefined || text) values.push({ q: q.key, v: q.version, score, text });
  }
  if (!values.length) return { ok: false, reason: 'empty' };
  return { ok: true, unitId, values };
}
