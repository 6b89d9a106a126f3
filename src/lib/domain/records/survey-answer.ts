import { z } from 'zod';
import { recordBase } from '../record';

/** How an answer came in: typed in from paper at the desk, or from the owner's link. */
export const answerChannels = ['paper', 'link'] as const;
export type AnswerChannel = (typeof answerChannels)[number];

/** One question answered: a score (absent = 不了解/未答) and/or words. */
export const answerValueSchema = z.object({
  /** Question key and the version answered (records/survey.ts). */
  q: z.string().min(1).max(24),
  v: z.number().int().min(1),
  score: z.number().int().min(1).max(10).optional(),
  text: z.string().trim().max(1000, 'validation.tooLong').optional()
});
export type AnswerValue = z.infer<typeof answerValueSchema>;

/**
 * One household's answer to a survey. One per household: its id is `surveyAnswerId(survey,
 * unit)`, so two devices that take the same household's answer offline end with one record,
 * not two (and the desk refuses a second one it can see).
 */
export const surveyAnswerSchema = z.object({
  ...recordBase,
  surveyId: z.string().min(1),
  unitId: z.string().min(1),
  buildingId: z.string().min(1),
  channel: z.enum(answerChannels),
  values: z.array(answerValueSchema).max(120),
  /** When the owner answered (paper: the date written on it, or when typed in). */
  answeredAt: z.number().int().nonnegative(),
  /** Who typed a paper answer in. */
  enteredBy: z.string().optional(),
  /** The owner-inbox submission a link answer came from: a second tablet taking the same
   * submission sees it is this one, not a second answer of the household. */
  submissionId: z.string().max(40).optional()
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

export const surveyAnswerId = (surveyId: string, unitId: string): string => `${surveyId}~${unitId}`;
