/**
 * Checks of the numbers an archive keeps (issue 14 §4): the 18-character 居民身份证号码
 * (GB 11643-1999, last character a mod-11 check digit) and the 统一社会信用代码 of a company
 * (GB 32100-2015, 18 characters with its own check character).
 */
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idChecks = '10X98765432';

export function idCheckOk(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * idWeights[i];
  return idChecks[sum % 11] === id[17];
}

/**
 * What an ID cell says: `ok`; `mangled` when Excel held it as a number (15 significant
 * digits, so it ends in …000, or it shows as 1.10101E+17); `badCheck` for an 18-digit
 * number with a wrong check digit; `badLength` for 16, 17 or more than 18 digits; `other`
 * for anything else (a passport, an old
 * 15-digit card), which is kept as written.
 */
export function idNumberKind(id: string): 'ok' | 'mangled' | 'badCheck' | 'badLength' | 'other' {
  if (/^\d(\.\d+)?E\+?\d+$/i.test(id)) return 'mangled';
  // 16, 17 or 19+ digits is no card of any kind (a 居民身份证 has 18, the old one 15, a
  // 台胞证 8): a digit lost or doubled in typing, which HC stores as it is.
  if (/^\d{15,}X?$/.test(id) && id.length !== 15 && id.length !== 18) return 'badLength';
  if (!/^\d{17}[\dX]$/.test(id)) return 'other';
  if (idCheckOk(id)) return 'ok';
  return /0{3}$/.test(id) ? 'mangled' : 'badCheck';
}

const creditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A well-formed 统一社会信用代码 (GB 32100-2015), check character included. */
export function creditCodeOk(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += creditChars.indexOf(code[i]) * creditWeights[i];
  return creditChars[(31 - (sum % 31)) % 31] === code[17];
}
