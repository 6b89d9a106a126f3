import { WriteError } from '$lib/db/write-error';
import { parseYuan, fenToYuanText } from '$lib/domain/fees/money';

/**
 * The amount typed in yuan ("1280.50") as fen, or the field's refusal: the field shows
 * "请输入金额，如 1280.50", nothing is written.
 */
export function amountOf(text: string, field = 'amountFen'): number {
  const fen = parseYuan(text);
  if (fen === undefined)
    throw new WriteError('invalid', [
      { change: 0, path: [field], message: 'fees.error.amount', code: 'custom' }
    ]);
  return fen;
}

/** Fen as the text an amount field starts with ("1280.50"), empty for nothing. */
export function amountText(fen: number): string {
  return fen > 0 ? fenToYuanText(fen) : '';
}
