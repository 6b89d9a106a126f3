import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import {
  hcAssetExpected,
  hcAssetSheet,
  hcAssetSheetOf,
  hcClerkExpected,
  hcClerkWorkbook,
  hcExportExpected,
  hcExportSheets
} from '../../../../tests/fixtures/hc-workbooks';
import type { Building } from '../records/building';
import type { Occupancy } from '../records/occupancy';
import type { Person } from '../records/person';
import { guessMapping, importFields, type ImportField } from './columns';
import { exportRows, type ExportLine } from './export-rows';
import { convertAssetRow, hcLayout, prepareSource, sourceColumnOf, type SheetRows } from './hc';
import { idNumberKind } from './id-number';
import { planImport, type ImportPlan, type ImportRegistry } from './plan';
import { reportSheet } from './report';
import { readWorkbook } from './spreadsheet';

type Office = ImportRegistry & { buildingRows: Building[] };

const empty = (): Office => ({
  communityId: 'c1',
  buildings: [],
  buildingRows: [],
  units: [],
  people: [],
  occupancies: [],
  today: '2026-12-05'
});

const sheet = (name: string, rows: string[][]): SheetRows => ({
  name,
  rows,
  lines: rows.map((_, i) => i + 1)
});

/** The office after a plan is written (what the database would hold). */
function apply(office: Office, plan: ImportPlan): Office {
  const meta = { createdAt: 1, updatedAt: 1, deleted: false };
  const next: Office = {
    ...office,
    buildingRows: office.buildingRows.map((b) => ({ ...b })),
    units: office.units.map((u) => ({ ...u })),
    people: office.people.map((p) => ({ ...p })),
    occupancies: office.occupancies.map((o) => ({ ...o }))
  };
  const tables = {
    building: next.buildingRows,
    unit: next.units,
    person: next.people,
    occupancy: next.occupancies
  } as Record<string, { id: string }[]>;
  for (const c of plan.changes) {
    const list = tables[c.table];
    if (c.op === 'create') {
      const defaults =
        c.table === 'person'
          ? { kind: 'person', phones: [], tags: [], specialCare: [] }
          : c.table === 'unit'
            ? { entrance: '', type: 'residential', status: 'vacant' }
            : {};
      list.push({ ...defaults, ...c.value, ...meta } as { id: string });
    } else {
      const row = list.find((r) => r.id === c.id);
      Object.assign(row ?? {}, c.patch);
    }
  }
  next.buildings = next.buildingRows.map((b) => ({
    id: b.id,
    code: b.code,
    floors: b.floors,
    entrances: b.entrances,
    lift: b.lift
  }));
  return next;
}

const roleCount = (office: Office, role: Occupancy['role']) =>
  office.occupancies.filter((o) => o.role === role).length;

function importInto(
  office: Office,
  sheets: SheetRows[],
  labels: Partial<Record<ImportField, string>> = {}
) {
  const source = prepareSource(sheets, (h) => guessMapping(h, labels));
  const plan = planImport(source.rows, source.mapping, office, source.options);
  return { source, plan, after: apply(office, plan) };
}

describe('HC 资产信息', () => {
  const { rows, bad } = hcAssetSheet();

  it('is recognised and imported with no mapping: rooms, owners, family, tenants', () => {
    const { source, plan, after } = importInto(empty(), [sheet('资产信息', rows)]);
    expect(source.kind).toBe('hcAssets');
    expect(plan.rows).toBe(hcAssetExpected.rows);
    expect(plan.good).toBe(hcAssetExpected.good);
    expect(after.buildingRows).toHaveLength(hcAssetExpected.buildings);
    expect(after.units).toHaveLength(hcAssetExpected.units);
    expect(after.people).toHaveLength(hcAssetExpected.people);
    expect(roleCount(after, 'owner')).toBe(hcAssetExpected.owners);
    expect(roleCount(after, 'family')).toBe(hcAssetExpected.family);
    expect(roleCount(after, 'tenant')).toBe(hcAssetExpected.tenants);
    // Rooms as written, shops typed, the single-单元 building keeps HC's 单元 1.
    const rooms = after.units.map((u) => `${u.entrance}-${u.room}:${u.type}`).sort();
    expect(rooms).toContain('0-S01:shop');
    expect(rooms).toContain('1-101:residential');
    const b1 = after.buildingRows.find((b) => b.code === '1');
    expect(b1).toMatchObject({ floors: 6, entrances: 2, lift: true });
    const unit = after.units.find((u) => u.room === '101' && u.entrance === '1');
    expect(unit).toMatchObject({
      layout: '三室两厅',
      innerAreaM2: 75.2,
      rentYuan: 0,
      areaM2: 89.5
    });
  });

  it('refuses each bad kind with its reason', () => {
    const { plan } = importInto(empty(), [sheet('资产信息', rows)]);
    expect(plan.bad.map((b) => b.line)).toEqual([...bad.keys()]);
    const reasons = plan.bad.map((b) => b.problems.map((p) => p.reason));
    expect(reasons).toEqual([
      ['import.error.secondOwner'],
      ['import.error.idMangled'],
      ['import.error.noOwner'],
      ['import.error.noName']
    ]);
  });

  it('one owner of three rooms is one person; co-owners are two; a company is a company', () => {
    const { after } = importInto(empty(), [sheet('资产信息', rows)]);
    const li = after.people.filter((p) => p.name === '李强');
    expect(li).toHaveLength(1);
    expect(li[0]).toMatchObject({ idNumber: '440304198506151237', phones: ['13900000003'] });
    expect(after.occupancies.filter((o) => o.personId === li[0].id)).toHaveLength(3);
    expect(after.people.find((p) => p.name === '王馨')?.phones).toEqual(['13800000001']);
    expect(after.people.find((p) => p.name === '张阳强')?.phones).toEqual(['13800000007']);
    const company = after.people.find((p) => p.kind === 'company');
    expect(company).toMatchObject({
      name: '深圳市某某商贸有限公司',
      idNumber: '91440300708461136T',
      emergencyContact: { name: '赵经理', phone: '13700000005' }
    });
    const zheng = after.people.find((p) => p.name === '郑十');
    expect(zheng?.phones).toEqual([]);
    expect(zheng?.idNumber).toBeUndefined();
  });

  it('lists what it normalised, before and after', () => {
    const { plan } = importInto(empty(), [sheet('资产信息', rows)]);
    const changes = new Map(plan.changed.map((r) => [r.line, r.changes]));
    expect(changes.get(6)).toContainEqual({
      field: 'phones',
      before: '１３９０００００００３',
      after: '13900000003'
    });
    expect(changes.get(2)).toContainEqual(
      expect.objectContaining({ field: 'name', after: '王馨 / 张阳强' })
    );
    expect(changes.get(15)?.map((c) => c.field)).toEqual(['gender', 'phones', 'idNumber']);
    expect(changes.get(7)).toContainEqual(
      expect.objectContaining({ field: 'unitStatus', before: '2002 未销售', after: '空置' })
    );
  });

  it('changes nothing when imported again', () => {
    const { after } = importInto(empty(), [sheet('资产信息', rows)]);
    const { plan } = importInto(after, [sheet('资产信息', rows)]);
    expect(plan.changes).toEqual([]);
    expect(plan.bad).toHaveLength(4);
  });

  it('the report, fixed, imports the refused rows', () => {
    const first = importInto(empty(), [sheet('资产信息', rows)]);
    const report = reportSheet(
      first.source,
      first.plan,
      (r, refused) => ({
        outcome: refused ? '未导入' : '已导入',
        reasons: r.problems.map((p) => p.reason).join('；')
      }),
      { outcome: '结果', reasons: '原因', line: '原行号' }
    );
    expect(report.name).toBe('资产信息');
    const refused = report.rows.filter((r) => r[21] === '未导入');
    expect(refused).toHaveLength(4);
    // The desk fixes them: 陈二 becomes family, 周八's ID is typed as text, 吴九's room
    // gets its owner row, and the owner name is filled in.
    const fixed = [report.rows[0], ...refused.map((r) => [...r])];
    fixed[1][16] = '1002';
    fixed[2][15] = '110101199003071233';
    fixed.splice(3, 0, [
      ...fixed[3].slice(0, 12),
      '吴八',
      '男',
      '13500000011',
      '',
      '1001',
      'P',
      '1',
      '',
      ''
    ]);
    fixed[5][12] = '冯十一';
    fixed[5][16] = '1001';
    const again = importInto(first.after, [sheet('资产信息', fixed)]);
    expect(again.plan.bad).toEqual([]);
    expect(again.plan.people.created).toBe(5);
    expect(again.plan.units.created).toBe(3);
  });

  it('reads an 18-digit ID Excel held as a number as mangled', async () => {
    const data = [
      rows[0].map((value) => ({ value, type: String })),
      rows[11].map((value, i) =>
        i === 15 ? { value: Number('110101199003071234'), type: Number } : { value, type: String }
      )
    ];
    const bytes = await writeXlsxFile(data, { sheet: '资产信息' }).toBuffer();
    const book = await readWorkbook(new Uint8Array(bytes).buffer, 'xlsx');
    expect(book[0].rows[1][15]).toBe('110101199003071000');
    const { plan } = importInto(empty(), book);
    expect(plan.bad[0].problems[0].reason).toBe('import.error.idMangled');
  });

  it('converts HC codes', () => {
    expect(hcLayout('30102')).toBe('三室两厅');
    expect(hcLayout('10101')).toBe('一室一厅');
    expect(idNumberKind('110101199003071233')).toBe('ok');
    expect(idNumberKind('110101199003071000')).toBe('mangled');
    expect(idNumberKind('1.10101199003071E+17')).toBe('mangled');
    const { row, problems } = convertAssetRow([
      '3',
      '1',
      '101',
      '1',
      '6',
      '是',
      '120',
      '',
      '50',
      '40',
      '0',
      '2001',
      '某',
      '男',
      '13800000000',
      '',
      '1004',
      'P',
      '1',
      '',
      ''
    ]);
    const at = (f: ImportField) => row[importFields.indexOf(f)];
    expect(at('unitType')).toBe('写字间');
    expect(at('lift')).toBe('是');
    expect(problems).toEqual([{ field: 'role', reason: 'import.error.hcTemporary' }]);
    const roleOf = (ownerType: string, personRole: string) => {
      const cells = Array<string>(21).fill('');
      Object.assign(cells, { 0: '3', 2: '101', 12: '某', 16: ownerType, 18: personRole });
      return convertAssetRow(cells).row[importFields.indexOf('role')];
    };
    expect(roleOf('1003', '4')).toBe('单位联系人');
    expect(roleOf('', '2')).toBe('租户');
    expect(roleOf('1002', '3')).toBe('家庭成员');
    expect(roleOf('1001', '4')).toBe('业主');
  });

  it('plans 2,000 rows of HC maximum', () => {
    const big = hcAssetSheetOf(2000);
    const { plan, after } = importInto(empty(), [sheet('资产信息', big)]);
    expect(plan.bad).toEqual([]);
    expect(after.units).toHaveLength(500);
    expect(after.people).toHaveLength(2000);
  });
});

describe('HC 资产信息 as a clerk fills it in Excel', () => {
  async function clerkBook() {
    const { cells } = hcClerkWorkbook();
    const data = cells.map((row) =>
      row.map((value) =>
        value === null
          ? null
          : typeof value === 'number'
            ? { value, type: Number }
            : { value, type: String }
      )
    );
    const bytes = await writeXlsxFile(data, { sheet: '资产信息' }).toBuffer();
    return readWorkbook(new Uint8Array(bytes).buffer, 'xlsx');
  }

  it('imports the good rows and says of each bad one which HC column and why', async () => {
    const { source, plan, after } = importInto(empty(), await clerkBook());
    expect(source.kind).toBe('hcAssets');
    expect([plan.rows, plan.good]).toEqual([hcClerkExpected.rows, hcClerkExpected.good]);
    expect(after.buildingRows).toHaveLength(hcClerkExpected.buildings);
    expect(after.units).toHaveLength(hcClerkExpected.units);
    expect(after.people).toHaveLength(hcClerkExpected.people);
    expect(roleCount(after, 'owner')).toBe(hcClerkExpected.owners);
    expect(roleCount(after, 'family')).toBe(hcClerkExpected.family);
    expect(roleCount(after, 'tenant')).toBe(hcClerkExpected.tenants);
    // One reason per bad row, named by the workbook's own column.
    const said = plan.bad.map((b) => [
      b.line,
      b.problems.map(
        (p) =>
          `${p.field === 'row' ? '' : sourceColumnOf(source, source.mapping, p.field)} ${p.reason}`
      )
    ]);
    expect(said).toEqual([
      [8, ['身份证号 import.error.idMangled']],
      [9, ['身份证号 import.error.idLength']],
      [10, ['手机号 import.error.badPhone']],
      [11, ['业主类型 import.error.hcTemporary']],
      [12, ['业主类型 validation.required']]
    ]);
    // Numbers read as Excel shows them; 是/否 as the template's note means them.
    const b1 = after.buildingRows.find((b) => b.code === '1');
    expect(b1).toMatchObject({ floors: 18, entrances: 3, lift: true });
    const shop = after.units.find((u) => u.room === 'S01');
    expect(shop).toMatchObject({ entrance: '0', type: 'shop', areaM2: 89.56 });
    const company = after.people.find((p) => p.kind === 'company');
    expect(company).toMatchObject({ idNumber: '91440300708461136T' });
    const li = after.people.filter((p) => p.name === '李强');
    expect(li).toHaveLength(1);
    expect(after.occupancies.filter((o) => o.personId === li[0].id)).toHaveLength(2);
    expect(after.people.find((p) => p.name === '王小明')).toBeDefined();
  });

  it('a downloaded report, fixed, imports the refused rows; the file again changes nothing', async () => {
    const book = await clerkBook();
    const first = importInto(empty(), book);
    const report = reportSheet(
      first.source,
      first.plan,
      (r, refused) => ({ outcome: refused ? '未导入' : '已改动', reasons: '' }),
      { outcome: '导入结果', reasons: '原因或改动', line: '原行号' }
    );
    const refused = report.rows.filter((r) => r[21] === '未导入');
    expect(refused.map((r) => r[23])).toEqual(['8', '9', '10', '11', '12']);
    const fixed = [report.rows[0], ...refused.map((r) => [...r])];
    fixed[1][15] = '440304199001011233'; // typed as text this time
    fixed[2][15] = '440304198812124560';
    fixed[3][14] = '13800000010';
    fixed[4][16] = '1003'; // 周七 rents the room… which then needs its 业主 row first
    fixed.splice(4, 0, [...fixed[4].slice(0, 12), '周老板', '男', '13800000017', '', '1001']);
    fixed[6][16] = '1001';
    const again = importInto(first.after, [sheet('资产信息', fixed)]);
    expect(again.plan.bad.map((b) => [b.line, b.problems])).toEqual([]);
    expect(again.plan.units.created).toBe(5);
    expect(again.plan.people.created).toBe(6);
    expect(importInto(first.after, book).plan.changes).toEqual([]);
  });
});

describe('HC export (楼栋单元 / 业主信息 / 房屋信息)', () => {
  const sheets = hcExportSheets().map((s) => sheet(s.name, s.rows));

  it('is recognised and imported with no mapping', () => {
    const { source, plan, after } = importInto(empty(), sheets);
    expect(source.kind).toBe('hcExport');
    expect(source.skippedSheets).toEqual(['费用设置', '车位信息']);
    expect(plan.rows).toBe(hcExportExpected.rows);
    expect(plan.good).toBe(hcExportExpected.good);
    expect(plan.bad.map((b) => [b.sheet, b.line])).toEqual(hcExportExpected.bad);
    expect(plan.bad.map((b) => b.problems.map((p) => [p.column, p.reason]))).toEqual([
      [['业主编号', 'import.error.hcUnknownOwner']],
      [[undefined, 'import.error.noName']],
      [[undefined, 'import.error.idMangled']],
      [['户主编号', 'import.error.hcNoHead']],
      [['业主编号', 'import.error.hcOwnerNoRoom']]
    ]);
    expect(after.buildingRows).toHaveLength(hcExportExpected.buildings);
    expect(after.buildingRows[0]).toMatchObject({ floors: 6, entrances: 3 });
    // The company by its 统一社会信用代码, its shop, the co-owners as two owners of 301.
    const company = after.people.find((p) => p.kind === 'company');
    expect(company).toMatchObject({
      name: '深圳市某某商贸有限公司',
      idNumber: '91440300708461136T'
    });
    const shop = after.units.find((u) => u.room === 'S01');
    expect(shop).toMatchObject({ entrance: '0', type: 'shop', areaM2: 120, rentYuan: 8000 });
    const owners301 = after.occupancies
      .filter((o) => o.unitId === after.units.find((u) => u.room === '301')?.id)
      .map((o) => after.people.find((p) => p.id === o.personId)?.name);
    expect(owners301.sort()).toEqual(['张阳强', '王馨'].sort());
    expect(after.units).toHaveLength(hcExportExpected.units);
    expect(after.people).toHaveLength(hcExportExpected.people);
    expect(roleCount(after, 'owner')).toBe(hcExportExpected.owners);
    expect(roleCount(after, 'family')).toBe(hcExportExpected.family);
    expect(roleCount(after, 'tenant')).toBe(hcExportExpected.tenants);
    expect(source.columns.find((c) => c.column === '年龄')?.note).toBe('import.hc.note.age');
  });

  it('changes nothing when imported again', () => {
    const { after } = importInto(empty(), sheets);
    expect(importInto(after, sheets).plan.changes).toEqual([]);
  });
});

/** The export lines of an office, as the households list gives them. */
function exportLines(office: Office): ExportLine[] {
  const people = new Map(office.people.map((p) => [p.id, p]));
  return office.units.flatMap((unit) => {
    const b = office.buildingRows.find((x) => x.id === unit.buildingId);
    const base = { buildingCode: b?.code ?? '', building: b, unit };
    const on = office.occupancies.filter((o) => o.unitId === unit.id);
    return on.length
      ? on.map((occupancy) => ({ ...base, person: people.get(occupancy.personId), occupancy }))
      : [base];
  });
}

/** An office's registry and archive without ids and times: what "identical" compares. */
function content(office: Office) {
  const code = new Map(office.buildingRows.map((b) => [b.id, b.code]));
  const unitName = new Map(
    office.units.map((u) => [u.id, `${code.get(u.buildingId)}-${u.entrance}-${u.room}`])
  );
  const strip = <T extends object>(r: T, ...keys: string[]) =>
    Object.fromEntries(
      Object.entries(r).filter(
        ([k, v]) =>
          v !== undefined && !['id', 'createdAt', 'updatedAt', 'deleted', ...keys].includes(k)
      )
    );
  const person = new Map(office.people.map((p) => [p.id, JSON.stringify(strip(p))]));
  return {
    buildings: office.buildingRows.map((b) => JSON.stringify(strip(b, 'communityId'))).sort(),
    units: office.units
      .map((u) => `${unitName.get(u.id)} ${JSON.stringify(strip(u, 'communityId', 'buildingId'))}`)
      .sort(),
    people: [...person.values()].sort(),
    roles: office.occupancies
      .map(
        (o) =>
          `${unitName.get(o.unitId)} ${person.get(o.personId)} ${o.role} ${o.from} ${o.to ?? ''}`
      )
      .sort()
  };
}

describe('export → import into an empty office', () => {
  it('gives an identical registry and archive', () => {
    const { rows } = hcAssetSheet();
    const office = importInto(empty(), [sheet('资产信息', rows)]).after;
    // The desk adds what HC does not have: tags, care, preferences, a second phone.
    const li = office.people.find((p) => p.name === '李强') as Person;
    Object.assign(li, { tags: ['VIP'], specialCare: ['disabled'], preferences: '下午来电' });
    li.phones.push('13900000099');
    // 性别 and 电梯 as the staff forms set them (issue 14): both genders, both lift answers.
    const genderOf = (o: Office) => new Set(o.people.map((p) => p.gender ?? '-'));
    const liftOf = (o: Office) => new Set(o.buildingRows.map((b) => String(b.lift)));
    li.gender = 'female';
    const shop = office.buildingRows.find((b) => b.lift !== true) ?? office.buildingRows[1];
    shop.lift = false;
    office.buildings = office.buildings.map((b) => (b.id === shop.id ? { ...b, lift: false } : b));
    expect([...genderOf(office)].sort()).toEqual(['-', 'female', 'male']);
    expect([...liftOf(office)].sort()).toEqual(['false', 'true']);
    const headers = Object.fromEntries(importFields.map((f) => [f, `h-${f}`])) as Record<
      ImportField,
      string
    >;
    const sheetRows = exportRows(exportLines(office), headers, 'zh-Hans');
    const back = importInto({ ...empty(), communityId: 'c2' }, [sheet('导出', sheetRows)], headers);
    expect(back.plan.bad).toEqual([]);
    expect(content(back.after)).toEqual(content(office));
    expect(genderOf(back.after)).toEqual(genderOf(office));
    expect(liftOf(back.after)).toEqual(liftOf(office));
    // And into the office it came from: nothing.
    const same = planImport(sheetRows.slice(1), guessMapping(sheetRows[0], headers), office);
    expect(same.changes).toEqual([]);
  });
});
