import * as z from 'zod/mini';
import type { SurveyQuestion } from '../records/survey';
import type { AnswerValue } from '../records/survey-answer';
import { normaliseCode } from './household-code';
import { questionOf } from './questionnaire';

/** What linkAnswer reads of a survey. */
export interface SurveyShapeWithId {
  id: string;
  questions: readonly SurveyQuestion[];
  earlier: readonly SurveyQuestion[];
}

/**
 * What an owner's phone sends for a survey answer (issue 16 §5: links per household or per
 * building): the `data` of a sealed inbox submission of type `survey` (owner-inbox/outbox.ts
 * `sealSubmission(inbox, 'survey', data, at)`). The household code comes with the link
 * (per household) or is typed from the poster or letter (per building); only the desk, which
 * holds the survey's secret, can tell whose it is. zod/mini: the owner page may share it.
 */
export const surveyLinkAnswerSchema = z.object({
  /** Survey id. */
  s: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Household code (household-code.ts). */
  c: z.string().check(z.minLength(1), z.maxLength(12)),
  /** Answers: question key, version, score, words. */
  a: z
    .array(
      z.object({
        q: z.string().check(z.maxLength(24)),
        v: z.number(),
        s: z.optional(z.number()),
        t: z.optional(z.string().check(z.maxLength(1000)))
      })
    )
    .check(z.maxLength(120))
});
export type SurveyLinkAnswer = z.infer<typeof surveyLinkAnswerSchema>;

export type LinkAnswerOutcome =
  | { ok: true; unitId: string; values: AnswerValue[] }
  | { ok: false; reason: 'malformed' | 'otherSurvey' | 'unknownCode' | 'duplicate' | 'empty' };

/**
 * Turns what a phone sent into a household's answer, or says why it is not one: not this
 * survey, a code of no household, a household that already answered (one answer per
 * household: the first stays), or nothing answered. Scores outside a question's scale and
 * questions the survey never had are dropped; words are trimmed.
 */
export function linkAnswer(
  survey: SurveyShapeWithId,
  data: unknown,
  codeToUnit: ReadonlyMap<string, string>,
  answered: ReadonlySet<string>
): LinkAnswerOutcome {
  const parsed = surveyLinkAnswerSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { s, c, a } = parsed.data;
  if (s !== survey.id) return { ok: false, reason: 'otherSurvey' };
  const unitId = codeToUnit.get(normaliseCode(c));
  if (!unitId) return { ok: false, reason: 'unknownCode' };
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
