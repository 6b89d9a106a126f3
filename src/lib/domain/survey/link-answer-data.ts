import * as z from 'zod/mini';

/**
 * What an owner's phone sends for a survey answer (issue 16 §5: links per household or per
 * building): the `data` of a sealed inbox submission of type `survey` (owner-inbox/outbox.ts
 * `sealSubmission(inbox, 'survey', data, at)`). The household code comes with the link
 * (per household) or is typed from the poster or letter (per building); only the desk, which
 * holds the survey's secret, can tell whose it is. zod/mini, in a file of its own: the owner page
 * (/q/) bundles it without the rest of the survey domain.
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
