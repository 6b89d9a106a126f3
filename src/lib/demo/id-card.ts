import type { Random } from './random';
import type { Sex } from './names';

/** Area codes of a few city districts (GB/T 2260), where owners' ID cards were issued. */
const areas = [
  '110105',
  '310104',
  '440305',
  '320102',
  '330106',
  '510107',
  '420106',
  '370102',
  '410105',
  '430104',
  '610113',
  '350203',
  '210102',
  '500103',
  '120101',
  '340104'
];

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/**
 * An 18-digit resident ID number (GB 11643): area, birth date, sequence (odd for men,
 * even for women) and the ISO 7064 MOD 11-2 check character. Fictitious but well-formed.
 */
export function idCardNumber(r: Random, sex: Sex, birthYear: number): string {
  const month = r.int(1, 12);
  const day = r.int(1, 28);
  let sequence = r.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
  if (sequence > 999) sequence -= 2;
  const body = `${r.pick(areas)}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i];
  return body + checkChars[sum % 11];
}
