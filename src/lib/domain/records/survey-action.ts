import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { surveyFactors } from './survey';

/**
 * One step of the improvement plan a survey leads to (000 第二节 一(三)3 采取改善计划): what,
 * about which factor, who is responsible and by when; done with a note.
 */
export const surveyActionSchema = z.object({
  ...recordBase,
  surveyId: z.string().min(1),
  factor: z.enum(surveyFactors).optional(),
  title: requiredText(120),
  ownerId: z.string().min(1, 'validation.required'),
  dueOn: z.iso.date('validation.date'),
  doneAt: z.number().int().nonnegative().optional(),
  doneNote: z.string().trim().max(500, 'validation.tooLong').default('')
});
export type SurveyAction = z.infer<typeof surveyActionSchema>;
