import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/**
 * The ten factors of customer satisfaction (000 第二节 一(一) 客户服务满意度构成要素):
 * 依赖性, 迅速反应, 工作水平, 接触, 态度, 沟通, 信用度, 安全性, 顾客理解度, 有形性.
 */
export const surveyFactors = [
  'reliability',
  'responsiveness',
  'competence',
  'access',
  'courtesy',
  'communication',
  'credibility',
  'security',
  'understanding',
  'tangibles'
] as const;
export type SurveyFactor = (typeof surveyFactors)[number];

/** A scale asks for a score (1…max); a text asks in words ("why" / "what", 000 第二节 一(三)). */
export const questionKinds = ['scale', 'text'] as const;
/** What a text question asks: "what" should be improved, or any other remark. */
export const textRoles = ['what', 'other'] as const;

/** The survey's wording in the three languages: the office writes at least the Chinese. */
const wording = z.object({
  'zh-Hans': requiredText(300),
  'zh-Hant': z.string().trim().max(300, 'validation.tooLong').default(''),
  en: z.string().trim().max(300, 'validation.tooLong').default('')
});
export type SurveyWording = z.infer<typeof wording>;

/**
 * One question, versioned: `key` stays for the life of the survey, `version` goes up when its
 * wording or scale changes, and each answer names the version it answered, so an answer
 * stays readable (and its factor known) after the office edits the questionnaire.
 */
export const surveyQuestionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,24}$/),
  version: z.number().int().min(1),
  kind: z.enum(questionKinds),
  /** The factor a scale measures; a scale without one counts only in the overall rate. */
  factor: z.enum(surveyFactors).optional(),
  role: z.enum(textRoles).optional(),
  text: wording,
  /** Highest score of a scale: 5 = 很满意 … 1 = 很不满意. */
  scaleMax: z.number().int().min(3).max(10).default(5),
  /** A scale may carry a short "why" (000: 发掘“为什么”). */
  askWhy: z.boolean().default(true)
});
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

export const surveyStatuses = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

/** The November survey (000 第二节 一(二)1) or one of the 1–2 others a year (002 (9)). */
export const surveyKinds = ['yearly', 'extra'] as const;

/**
 * A satisfaction survey 客户满意度调查 (000 第二节; 002 (9)). Its questions are the current
 * questionnaire; `earlier` keeps every earlier version and every removed question, so
 * answers to them stay readable. `analysedAt` is when the office finished the analysis:
 * the results notice is due 5 working days later (001 §4.2 item 5).
 */
export const surveySchema = z
  .object({
    ...recordBase,
    communityId: z.string().min(1, 'validation.required'),
    title: requiredText(80),
    year: z.number('validation.number').int().min(2000).max(2100),
    kind: z.enum(surveyKinds).default('yearly'),
    opensOn: z.iso.date('validation.date'),
    closesOn: z.iso.date('validation.date'),
    status: z.enum(surveyStatuses).default('draft'),
    questions: z.array(surveyQuestionSchema).min(1).max(60),
    earlier: z.array(surveyQuestionSchema).max(600).default([]),
    /** Secret the household codes are derived from (household-code.ts); base64url. */
    codeKey: z.string().min(16).max(64),
    /** Last year's survey to compare with (chosen automatically when absent). */
    previousId: z.string().optional(),
    analysedAt: z.number().int().nonnegative().optional(),
    /** The results notice (kind surveyResults) drafted from this survey. */
    resultsNoticeId: z.string().optional(),
    /** What the office concluded (the "why / what", in words) for the notice and the print. */
    conclusions: z.string().trim().max(4000, 'validation.tooLong').default(''),
    /**
     * Owner answers by link (issue 16 §5): one relay inbox tag per building (the poster's link
     * and its households' links share it; the household code tells them apart), and the
     * questionnaire as the phones read it, sealed on the relay under `hash` with `key`
     * (lib/owner-inbox/survey-link.ts); `digest` says which questions it holds.
     */
    ownerLinks: z
      .object({
        tags: z.record(z.string(), z.string().regex(/^[A-Za-z0-9_-]{22}$/)),
        copy: z
          .object({
            hash: z.string().regex(/^[0-9a-f]{64}$/),
            key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
            digest: z.string().max(64)
          })
          .optional()
      })
      .optional()
  })
  .refine((s) => s.closesOn >= s.opensOn, {
    path: ['closesOn'],
    message: 'validation.endBeforeStart'
  });
export type Survey = z.infer<typeof surveySchema>;
