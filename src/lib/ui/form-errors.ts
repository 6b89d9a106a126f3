/**
 * Turns a failed validation (a ZodError, or the db layer's WriteError with the same
 * `issues` shape) into one message per field, in the current language, for the fields
 * to show (DESIGN.md: "bad input gets a clear message at the field").
 *
 * A schema may give a message KEY (`z.string().min(1, 'validation.required')`); it is
 * translated with the issue's details as parameters ({min}, {max}, {length}, {divisor}).
 * zod's own English defaults are replaced by `validation.*` keys chosen from the issue
 * code; any other message is shown as the schema wrote it.
 */
import { hasMessage, t, type MessageParams } from '$lib/i18n';

/** What this helper reads of an issue; zod v4 issues carry these details. */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  expected?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  divisor?: number | bigint;
}

/** Field path (`name`, `contacts.0.phone`) → message. */
export type FieldErrors = Record<string, string>;

/** Where issues about the whole form (an empty path) go. */
export const formErrorKey = '_form';

export interface Translator {
  t: (key: string, params?: MessageParams) => string;
  has: (key: string) => boolean;
}

const current: Translator = { t, has: hasMessage };

// zod v4's English defaults all start this way ("Invalid email address", "Too small: …").
const zodDefault = /^(Invalid |Invalid$|Too (small|big): |Unrecognized key)/;

/** The first issue of each field wins: it is the one the user should fix first. */
export function formErrors(
  error: { issues: readonly IssueLike[] },
  translator: Translator = current
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = fieldPath(issue.path);
    errors[path] ??= issueMessage(issue, translator);
  }
  return errors;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  const parts = path.filter((p): p is string | number => typeof p !== 'symbol');
  return parts.length ? parts.join('.') : formErrorKey;
}

export function issueMessage(issue: IssueLike, translator: Translator = current): string {
  const params = issueParams(issue);
  if (translator.has(issue.message)) return translator.t(issue.message, params);
  if (zodDefault.test(issue.message)) return translator.t(defaultKey(issue), params);
  return issue.message;
}

function issueParams(issue: IssueLike): MessageParams {
  const params: MessageParams = {};
  if (issue.minimum !== undefined) params.min = Number(issue.minimum);
  if (issue.maximum !== undefined) params.max = Number(issue.maximum);
  if (issue.exact) params.length = Number(issue.minimum ?? issue.maximum);
  if (issue.divisor !== undefined) params.divisor = Number(issue.divisor);
  return params;
}

/** The `validation.*` key for an issue that came with zod's default text. */
export function defaultKey(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod drops the input from finished issues; its text still says what arrived.
      if (/received (undefined|null)$/.test(issue.message)) return 'validation.required';
      if (issue.expected === 'int') return 'validation.integer';
      if (issue.expected === 'number' || issue.expected === 'bigint') return 'validation.number';
      if (issue.expected === 'date') return 'validation.date';
      return 'validation.invalid';
    case 'too_small':
      return tooSmallKey(issue);
    case 'too_big':
      return tooBigKey(issue);
    case 'invalid_format':
      if (issue.format === 'email') return 'validation.email';
      if (issue.format === 'url') return 'validation.url';
      return 'validation.format';
    case 'invalid_value':
      return 'validation.choose';
    case 'not_multiple_of':
      return 'validation.multipleOf';
    default:
      return 'validation.invalid';
  }
}

function tooSmallKey(issue: IssueLike): string {
  const min = Number(issue.minimum ?? 0);
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return 'validation.exactLength';
      // An empty text box is "required" to the person filling it, not "too short".
      return min <= 1 ? 'validation.required' : 'validation.tooShort';
    case 'array':
    case 'set':
      return min <= 1 ? 'validation.required' : 'validation.tooFew';
    case 'date':
      return 'validation.tooEarly';
    case 'number':
    case 'int':
    case 'bigint':
      return issue.inclusive === false ? 'validation.greaterThan' : 'validation.tooSmall';
    default:
      return 'validation.invalid';
  }
}

function tooBigKey(issue: IssueLike): string {
  switch (issue.origin) {
    case 'string':
      return issue.exact ? 'validation.exactLength' : 'validation.tooLong';
    case 'array':
    case 'set':
      return 'validation.tooMany';
    case 'date':
      return 'validation.tooLate';
    case 'number':
    case 'int':
    case 'bigint':
      return issue.inclusive === false ? 'validation.lessThan' : 'validation.tooBig';
    default:
      return 'validation.invalid';
  }
}
