import { parseYuan } from './money';

/**
 * Opening balances (issue 18 §2): the previous system's arrears list, one row per unit (or per
 * unit and period), read from a spreadsheet. Columns are found by their header, in any of the
 * three languages: unit code, amount owed, due date (optional), note (optional).
 */
const headers = {
  unit: ['房号', '房屋', '单元', '房屋编号', '房號', '單元', 'unit', 'room'],
  amount: [
    '欠费',
    '欠费金额',
    '金额',
    '应收',
    '欠費',
    '欠費金額',
    '金額',
    'amount',
    'owed',
    'arrears'
  ],
  due: ['应缴日期', '日期', '到期日', '所属期', '應繳日期', '到期日', 'due', 'date'],
  note: ['备注', '項目', '项目', '說明', '说明', '備註', 'note', 'item']
} as const;

export interface OpeningRow {
  /** 1-based spreadsheet row. */
  row: number;
  unitId: string;
  amountFen: number;
  dueDate: string;
  note: string;
}

export interface OpeningProblem {
  row: number;
  /** An i18n key. */
  message:
    | 'fees.opening.noUnit'
    | 'fees.opening.badAmount'
    | 'fees.opening.badDate'
    | 'fees.opening.noColumns';
  value?: string;
}

function columnOf(header: string[], words: readonly string[]): number {
  const norm = header.map((h) => h.trim().toLowerCase());
  for (const w of words) {
    const i = norm.findIndex((h) => h === w.toLowerCase());
    if (i >= 0) return i;
  }
  for (const w of words) {
    const i = norm.findIndex((h) => h.includes(w.toLowerCase()));
    if (i >= 0) return i;
  }
  return -1;
}

function readDate(cell: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?日?$/.exec(cell.trim());
  if (!m) return undefined;
  const p = (s: string | undefined) => String(Number(s ?? 1)).padStart(2, '0');
  const date = `${m[1]}-${p(m[2])}-${p(m[3])}`;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? undefined : date;
}

/**
 * Rows of the sheet (first row the header) checked against the registry: `unitOf` finds a unit
 * by its code ("3-2-1201"). Every bad row is reported; good rows become opening balances due on
 * their date, or on `defaultDue` when the sheet has none.
 */
export function readOpeningSheet(
  rows: readonly string[][],
  unitOf: (code: string) => string | undefined,
  defaultDue: string
): { good: OpeningRow[]; problems: OpeningProblem[] } {
  const [header = [], ...body] = rows;
  const col = {
    unit: columnOf(header, headers.unit),
    amount: columnOf(header, headers.amount),
    due: columnOf(header, headers.due),
    note: columnOf(header, headers.note)
  };
  if (col.unit < 0 || col.amount < 0)
    return { good: [], problems: [{ row: 1, message: 'fees.opening.noColumns' }] };
  const good: OpeningRow[] = [];
  const problems: OpeningProblem[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: number) => (c >= 0 ? String(cells[c] ?? '').trim() : '');
    if (cells.every((c) => !String(c ?? '').trim())) return;
    const code = cell(col.unit);
    const unitId = unitOf(code);
    if (!unitId) return void problems.push({ row, message: 'fees.opening.noUnit', value: code });
    const amountFen = parseYuan(cell(col.amount));
    if (amountFen === undefined || amountFen <= 0)
      return void problems.push({
        row,
        message: 'fees.opening.badAmount',
        value: cell(col.amount)
      });
    const dueText = cell(col.due);
    const dueDate = dueText ? readDate(dueText) : defaultDue;
    if (!dueDate)
      return void problems.push({ row, message: 'fees.opening.badDate', value: dueText });
    good.push({ row, unitId, amountFen, dueDate, note: cell(col.note) });
  });
  return { good, problems };
}

/** The id of an opening balance: the same sheet imported twice adds nothing. */
export function openingBillId(unitId: string, row: OpeningRow): string {
  return `opening~${unitId}~${row.dueDate}~${row.amountFen}~${row.note}`.slice(0, 200);
}
