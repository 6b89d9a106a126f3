/**
 * Money as integer fen (issue 18 §6). Amounts typed at the desk arrive as text ("1,234.5")
 * and become fen by reading the digits, never by multiplying a float by 100 (0.29 × 100 is
 * 28.999999999999996).
 */

/** "1234.5", "¥1,234.50", "-80" → fen; undefined for anything that is not an amount. */
export function parseYuan(text: string): number | undefined {
  const m = /^\s*(-)?\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:元)?\s*$/.exec(text);
  if (!m) return undefined;
  const whole = Number(m[2].replaceAll(',', ''));
  const cents = Number((m[3] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + cents;
  if (!Number.isSafeInteger(fen)) return undefined;
  return m[1] && fen !== 0 ? -fen : fen;
}

/** Fen as a decimal string of yuan, exact: 123456 → "1234.56", -5 → "-0.05". */
export function fenToYuanText(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A sum of fen that refuses anything but safe integers, so a float shows up as an error. */
export function sumFen(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    assertFen(v);
    total += v;
  }
  assertFen(total);
  return total;
}

export function assertFen(value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an amount in fen: ${value}`);
}

/** a ÷ b rounded half up, for non-negative integers (b > 0): exact integer arithmetic. */
export function divRound(a: number, b: number): number {
  const q = Math.floor(a / b);
  const r = a - q * b;
  return r * 2 >= b ? q + 1 : q;
}

const digits = '零壹贰叁肆伍陆柒捌玖';
const smallUnits = ['', '拾', '佰', '仟'];
const bigUnits = ['', '万', '亿', '兆'];

/**
 * An amount in words as written on a Chinese receipt (大写金额): 128050 fen → 壹仟贰佰捌拾元伍角整.
 * Integer arithmetic on fen throughout. (Receipts are printed in Chinese in every locale.)
 */
export function amountInWords(fen: number): string {
  assertFen(fen);
  if (fen < 0) return `负${amountInWords(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cent = fen % 10;
  let words = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let y = yuan; y > 0; y = Math.floor(y / 10_000)) groups.push(y % 10_000);
    let zero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g];
      if (group === 0) {
        zero = words.length > 0;
        continue;
      }
      if (zero || (words && group < 1000)) words += '零';
      zero = false;
      let inner = '';
      let innerZero = false;
      for (let p = 3; p >= 0; p--) {
        const d = Math.floor(group / 10 ** p) % 10;
        if (d === 0) {
          innerZero = inner.length > 0;
          continue;
        }
        if (innerZero) inner += '零';
        innerZero = false;
        inner += digits[d] + smallUnits[p];
      }
      words += inner + bigUnits[g];
    }
    words += '元';
  }
  if (!jiao && !cent) return `${words || '零元'}整`;
  if (jiao) words += `${digits[jiao]}角`;
  else if (yuan) words += '零';
  if (cent) words += `${digits[cent]}分`;
  else words += '整';
  return words;
}
