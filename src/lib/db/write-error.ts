/** One problem with one change of a write: which change, which field, which message key. */
export interface WriteIssue {
  change: number;
  path: (string | number)[];
  /** An i18n key (`validation.required`) or zod's own text. */
  message: string;
  code: string;
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
