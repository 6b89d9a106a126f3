import type { z } from 'zod';
import { WriteError, issueDetails } from './write-error';

/**
 * Turn a form schema's failure into a WriteError, so every action reports problems one way.
 * Takes the issues of one schema, or of several checked together (`{ issues: [...a, ...b] }`).
 */
export function formError(error: Pick<z.ZodError, 'issues'>): WriteError {
  return new WriteError(
    'invalid',
    error.issues.map((i) => ({
      change: 0,
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: i.message,
      code: i.code,
      ...issueDetails(i)
    }))
  );
}

/** Validate a form with its domain schema or throw the WriteError the form shows at its fields. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw formError(parsed.error);
  return parsed.data;
}
