import { expect, it } from 'vitest';
import { openingBillId, readOpeningSheet } from './opening';

it('reads an arrears list by its headers and reports every bad row', () => {
  const units: Record<string, string> = { '3-2-1201': 'u1', '5-0302': 'u2' };
  const { good, problems } = readOpeningSheet(
    [
      ['房号', '业主', '欠费金额', '应缴日期', '备注'],
      ['3-2-1201', '张三', '1,280.50', '2025-06-01', '2025年物业费'],
      ['5-0302', '李四', '300', '', ''],
      ['9-9999', '王五', '10', '', ''],
      ['5-0302', '李四', '12.345', '', ''],
      ['5-0302', '李四', '10', '2025-02-30', ''],
      ['', '', '', '', '']
    ],
    (code) => units[code],
    '2025-12-31'
  );
  expect(good).toEqual([
    { row: 2, unitId: 'u1', amountFen: 128_050, dueDate: '2025-06-01', note: '2025年物业费' },
    { row: 3, unitId: 'u2', amountFen: 30_000, dueDate: '2025-12-31', note: '' }
  ]);
  expect(problems.map((p) => [p.row, p.message])).toEqual([
    [4, 'fees.opening.noUnit'],
    [5, 'fees.opening.badAmount'],
    [6, 'fees.opening.badDate']
  ]);
  expect(openingBillId('u1', good[0])).toBe(openingBillId('u1', { ...good[0], row: 9 }));
  expect(readOpeningSheet([['名字']], () => undefined, '2025-12-31').problems[0].message).toBe(
    'fees.opening.noColumns'
  );
});
