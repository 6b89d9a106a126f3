import { t, formatFen, formatNumber } from '$lib/i18n';
import type { IndicatorValue } from '$lib/domain/indicators/formulas';

/** How an indicator reads on the page and in the spreadsheet (the same strings in both). */
export const unitSign = (i: Pick<IndicatorValue, 'unit'>) => (i.unit === 'pct' ? '%' : '‰');

export function shownValue(i: Pick<IndicatorValue, 'unit' | 'value'>): string {
  if (i.value === null) return '—';
  return `${formatNumber(i.value, { maximumFractionDigits: 2 })}${unitSign(i)}`;
}

export function shownTarget(i: Pick<IndicatorValue, 'unit' | 'rule' | 'target'>): string {
  const op = i.rule === 'atLeast' ? '≥' : i.rule === 'atMost' ? '≤' : '<';
  return `${op} ${formatNumber(i.target, { maximumFractionDigits: 2 })}${unitSign(i)}`;
}

export function verdict(i: Pick<IndicatorValue, 'met'>): string {
  return i.met === null ? '' : i.met ? t('indicators.met') : t('indicators.missed');
}

/** The "explain" line: numerator ÷ denominator, what was left out, or why there is no value. */
export function explain(i: IndicatorValue): string {
  if (i.noData === 'fees') return t('indicators.noData.fees');
  // The fee collection's parts are money (integer fen from the fees area), the rest counts/areas.
  const num = (n: number | null) =>
    n === null
      ? '—'
      : i.key === 'feeCollection'
        ? formatFen(n)
        : formatNumber(n, { maximumFractionDigits: 2 });
  let line = t('indicators.explain', {
    num: t(`indicators.num.${i.key}`),
    n: num(i.numerator),
    den: t(`indicators.den.${i.key}`),
    d: num(i.denominator)
  });
  if (i.window === 'year') line += `（${t('indicators.window.year')}）`;
  if (i.excluded) line += t('indicators.excluded', { n: i.excluded });
  if (i.noData === 'noRecords') line += ` · ${t('indicators.noData.noRecords')}`;
  return line;
}
