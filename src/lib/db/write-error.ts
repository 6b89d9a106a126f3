/** One problem with one change of a write: which change, which field, which message key. */
export interface WriteIssue {
  change: number;
  path: (string | number)[];
  /** An i18n key (`validation.required`) or zod's own text. */
  message: string;
  code: string;
  /**
   * zod's details of the issue, kept so the field message can say them ("不能小于 1"
   * needs the minimum; without it the form showed "不能小于 {min}").
   */
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
  exact?: boolean;
  divisor?: number;
  origin?: string;
  expected?: string;
  format?: string;
}

type IssueDetails = Omit<WriteIssue, 'change' | 'path' | 'message' | 'code'>;

/** The details of a zod issue that a field message may use (see WriteIssue). */
export function issueDetails(issue: object): IssueDetails {
  const source = issue as Record<string, unknown>;
  const out: IssueDetails = {};
  for (const key of ['minimum', 'maximum', 'divisor'] as const) {
    const v = source[key];
    if (typeof v === 'number' || typeof v === 'bigint') out[key] = Number(v);
  }
  for (const key of ['inclusive', 'exact'] as const) {
    const v = source[key];
    if (typeof v === 'boolean') out[key] = v;
  }
  for (const key of ['origin', 'expected', 'format'] as const) {
    const v = source[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export type WriteErrorKind = 'invalid' | 'forbidden' | 'notFound';

/** Why a write was refused. Nothing of the write was stored. */
export class WriteError extends Error {
  constructor(
    readonly kind: WriteErrorKind,
    readonly issues: WriteIssue[]
  ) {
    super(
      `${kind}: ${issues.map((i) => `#${i.change} ${i.path.join('.')} ${i.message}`).join('; ')}`
    );
    this.name = 'WriteError';
  }
}

/** An action refused as a whole (the record is gone, the role may not): not one field's fault. */
export function refusedWhole(kind: 'forbidden' | 'notFound'): WriteError {
  return new WriteError(kind, [{ change: 0, path: [], message: `write.${kind}`, code: kind }]);
}
