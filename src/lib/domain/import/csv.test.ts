import { describe, expect, it } from 'vitest';
import { BOM, parseCsv, toCsv } from './csv';

// Issue 13: an export a spreadsheet opens must not run what someone typed as a name.
const FORMULAS = [
  '=1+2',
  '+SUM(1,1)',
  '-2+3',
  '@SUM(1,1)',
  '=HYPERLINK("http://evil.example","点我")',
  '\t=1+2',
  '\r=1+2'
];

describe('CSV export', () => {
  it('defuses every formula-shaped cell (OWASP: leading = + - @ tab CR)', () => {
    const csv = toCsv([['姓名', '电话'], ...FORMULAS.map((name) => [name, '13800138000'])]);
    const lines = csv.slice(BOM.length).split('\r\n');
    for (const [i, name] of FORMULAS.entries()) {
      const cell = lines[i + 1].slice(0, lines[i + 1].lastIndexOf(','));
      // What Excel reads: a quoted cell starting with an apostrophe, i.e. text.
      expect(cell.startsWith(`"'`), `${JSON.stringify(name)} → ${cell}`).toBe(true);
    }
  });

  it('the formula-shaped names come back as the text that was typed', () => {
    const rows = [['姓名', '房号'], ...FORMULAS.map((name) => [name, '-1'])];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it('keeps ordinary cells as they were: quotes, commas, line breaks, leading zeros, Chinese', () => {
    const rows = [
      ['楼栋', '房号', '备注'],
      ['3栋', '0101', '他说"好的",然后\n挂了电话'],
      ['5栋', ' 0202 ', '']
    ];
    const csv = toCsv(rows);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual(rows);
  });

  it('reads semicolon- and tab-separated files too', () => {
    expect(parseCsv('a;b\r\n1;2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2']
    ]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2']
    ]);
  });
});
