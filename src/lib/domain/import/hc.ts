/**
 * The workbooks an office brings from HC小区管理系统 (java110/MicroCommunity), read as HC's
 * own parser reads them (shared/imports/hc-formats.md): the 资产信息 import workbook
 * (columns A–U) and the older multi-sheet shape HC's export still writes (楼栋单元 /
 * 业主信息 / 房屋信息). Each is turned into rows of the app's own columns, with what the
 * conversion changed or refused on each row, so the one import plan checks and writes them.
 */
import { readPhone, splitList } from './cells';
import { importFields, type ColumnMapping, type ImportField } from './columns';
import { normaliseCell, type CellChange } from './normalise';
import type { PlanOptions, RowProblem } from './plan';
import { creditCodeOk, idCheckOk } from './id-number';
import { liftWords, readWord } from './words';

export interface SheetRows {
  name: string;
  rows: string[][];
  /** The spreadsheet line of each row (blank lines are left out of `rows`). */
  lines: number[];
}

export type SourceKind = 'hcAssets' | 'hcExport' | 'generic';

/** A column of the file and where it goes: a field, or nowhere with the reason (an i18n key). */
export interface SourceColumn {
  sheet?: string;
  column: string;
  field?: ImportField;
  /** import.hc.note.*: how the column is read, or why it is not imported. */
  note?: string;
}

export interface PreparedSource {
  kind: SourceKind;
  /** The rows the plan reads, with the mapping that reads them and the plan's options. */
  rows: string[][];
  mapping: ColumnMapping;
  options: PlanOptions;
  /** For a recognised source: every column of the file and its home (the preview lists them). */
  columns: SourceColumn[];
  /** Sheets of the file that are not imported at all. */
  skippedSheets: string[];
  /** The report's layout: header, sheet name and each row as the source wrote it. */
  report: { sheet: string; header: string[]; rows: string[][] };
}

/** 资产信息, columns A–U (hc-formats.md "Columns A–U"). */
export const hcAssetHeader = [
  '楼号',
  '单元',
  '房间',
  '楼层',
  '总层数',
  '是否有电梯',
  '房屋类型',
  '房屋户型',
  '建筑面积',
  '室内面积',
  '租金',
  '房屋状态',
  '业主名称',
  '性别',
  '手机号',
  '身份证号',
  '业主类型',
  '人员类型',
  '人员角色',
  '联系人',
  '联系人电话'
];
export const HC_ASSET_SHEET = '资产信息';

const assetFields: (ImportField | undefined)[] = [
  'building',
  'entrance',
  'room',
  'floor',
  'totalFloors',
  'lift',
  'unitType',
  'layout',
  'areaM2',
  'innerAreaM2',
  'rentYuan',
  'unitStatus',
  'name',
  'gender',
  'phones',
  'idNumber',
  'role',
  'kind',
  undefined,
  'emergencyName',
  'emergencyPhone'
];
const assetNotes: Partial<Record<number, string>> = {
  1: 'import.hc.note.shopUnit',
  6: 'import.hc.note.roomType',
  7: 'import.hc.note.layout',
  11: 'import.hc.note.status',
  16: 'import.hc.note.ownerType',
  17: 'import.hc.note.personType',
  18: 'import.hc.note.personRole',
  19: 'import.hc.note.contact'
};

/** 房屋类型 codes (template T12, t_dict); 119 宿舍 has no room of its own here. */
const roomTypes: Record<string, { word: string; lossy?: boolean }> = {
  '110': { word: '住宅' },
  '119': { word: '住宅', lossy: true },
  '120': { word: '写字间' },
  '128': { word: '储藏室' }
};
/** 房屋状态 codes (T22, RoomDto); several have no status of their own in the registry. */
const roomStates: Record<string, { word: string; name: string; lossy?: boolean }> = {
  '2001': { word: '已入住', name: '已入住' },
  '2002': { word: '空置', name: '未销售', lossy: true },
  '2003': { word: '空置', name: '已交房', lossy: true },
  '2004': { word: '空置', name: '未入住' },
  '2005': { word: '空置', name: '已装修', lossy: true },
  '2006': { word: '已入住', name: '已出租', lossy: true },
  '2007': { word: '已入住', name: '已出售', lossy: true },
  '2008': { word: '空置', name: '空闲' },
  '2009': { word: '装修中', name: '装修中' }
};
const ownerTypes: Record<string, string> = { '1001': '业主', '1002': '家庭成员', '1003': '租户' };
/** 人员角色 (building_owner.person_role): 1 业主, 2 租客, 3 家庭成员, 4 公司员工, 99 其他. */
const personRoles: Record<string, string> = {
  '1': '业主',
  '2': '租户',
  '3': '家庭成员',
  '4': '单位联系人'
};
const personTypes: Record<string, string> = { P: '个人', C: '单位' };
const rooms = ['一', '两', '三', '四', '五', '六', '七', '八'];
/** HC template placeholders for "none" (T17–T19): 18999999999, 111111111111111111. */
const NO_PHONE = '18999999999';
const NO_ID = '111111111111111111';

/** 户型 code: 室 code (10 一室 … 80 八室) + 厅 code (101 一厅 … 105 五厅): 30102 = 三室两厅. */
export function hcLayout(code: string): string {
  const m = /^([1-8])0(10[1-5])$/.exec(code);
  if (!m) return code;
  return `${rooms[Number(m[1]) - 1]}室${rooms[Number(m[2]) - 101]}厅`;
}

interface Converted {
  row: string[];
  problems: RowProblem[];
  changes: CellChange[];
}

/** One 资产信息 row (cells A–U) as a row of the app's columns, with what was changed or refused. */
export function convertAssetRow(source: string[]): Converted {
  const problems: RowProblem[] = [];
  const changes: CellChange[] = [];
  const cells = hcAssetHeader.map((_, i) => {
    const raw = String(source[i] ?? '').trim();
    const value = normaliseCell(raw);
    const field = assetFields[i];
    if (value !== raw && field) changes.push({ field, before: raw, after: value });
    return value;
  });
  const out = Object.fromEntries(importFields.map((f) => [f, ''])) as Record<ImportField, string>;
  cells.forEach((value, i) => {
    const field = assetFields[i];
    if (field) out[field] = value;
  });
  const [, unitNum, , , , lift, roomType, section, , , , state, name] = cells;

  if (lift && !readWord(liftWords, lift)) {
    // HC: anything but 有 is "no lift" (ROA:96).
    out.lift = '无';
    changes.push({ field: 'lift', before: lift, after: '无', why: 'import.change.hcLift' });
  }
  if (unitNum === '0') out.unitType = '商铺';
  else if (/^\d+$/.test(roomType)) {
    const type = roomTypes[roomType];
    if (!type)
      problems.push({
        field: 'unitType',
        reason: 'import.error.badChoice',
        params: { value: roomType }
      });
    else {
      out.unitType = type.word;
      if (type.lossy)
        changes.push({
          field: 'unitType',
          before: roomType,
          after: type.word,
          why: 'import.change.hcCode'
        });
    }
  }
  out.layout = hcLayout(section);
  if (/^\d+$/.test(state)) {
    const s = roomStates[state];
    if (!s)
      problems.push({
        field: 'unitStatus',
        reason: 'import.error.badChoice',
        params: { value: state }
      });
    else {
      out.unitStatus = s.word;
      if (s.lossy)
        changes.push({
          field: 'unitStatus',
          before: `${state} ${s.name}`,
          after: s.word,
          why: 'import.change.hcCode'
        });
      // ROA:207: a room not yet sold has no owner.
      if (state === '2002' && name)
        problems.push({ field: 'unitStatus', reason: 'import.error.unsoldWithOwner' });
    }
  }

  if (!name) {
    // HC drops N–U of a row without 业主名称 without a word (ROA:176).
    if (cells.slice(13).some((c) => c !== ''))
      problems.push({ field: 'name', reason: 'import.error.noName' });
    for (const f of assetFields.slice(13)) if (f) out[f] = '';
    return { row: importFields.map((f) => out[f]), problems, changes };
  }

  const [
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    ,
    sex,
    tel,
    idCard,
    ownerType,
    personType,
    personRole,
    contact,
    link
  ] = cells;
  if (sex && sex !== '男' && sex !== '女') {
    out.gender = '';
    changes.push({ field: 'gender', before: sex, after: '', why: 'import.change.unknownGender' });
  }
  if (tel === NO_PHONE) {
    out.phones = '';
    changes.push({ field: 'phones', before: tel, after: '', why: 'import.change.placeholder' });
  }
  if (idCard === NO_ID) {
    out.idNumber = '';
    changes.push({
      field: 'idNumber',
      before: idCard,
      after: '',
      why: 'import.change.placeholder'
    });
  }
  // 业主类型 decides the role (only 1001 is special to HC); 人员角色 says what 业主类型
  // cannot: a company's employee (4), or the role when 业主类型 is empty.
  if (personRole === '4' && ownerType !== '1001') out.role = personRoles['4'];
  else if (ownerType === '1004')
    problems.push({ field: 'role', reason: 'import.error.hcTemporary' });
  else if (ownerTypes[ownerType]) out.role = ownerTypes[ownerType];
  else if (!ownerType && personRoles[personRole]) out.role = personRoles[personRole];
  if (personTypes[personType.toUpperCase()]) out.kind = personTypes[personType.toUpperCase()];
  else if (!personType && idCard && creditCodeOk(idCard) && !idCheckOk(idCard)) {
    // No 人员类型 (HC's export has none): a 统一社会信用代码 in 身份证号 says it is a company
    // (HC keeps a company's code there, building_owner.id_card).
    out.kind = personTypes.C;
    changes.push({
      field: 'kind',
      before: '',
      after: personTypes.C,
      why: 'import.change.creditCode'
    });
  }

  // 联系人: the owner themself (their phone becomes a second phone), or someone else,
  // kept as the emergency contact when there is a mobile to call.
  out.emergencyName = '';
  out.emergencyPhone = '';
  const phone = readPhone(link);
  const owners = name.split(/[,，、;；]/).map((n) => n.trim());
  if (link && link !== NO_PHONE) {
    if (!contact || owners.includes(contact)) {
      const phones = splitList(out.phones).map(readPhone);
      if (owners.length === 1 && !phones.includes(phone)) out.phones = [...phones, phone].join(';');
    } else if (/^1[3-9]\d{9}$/.test(phone)) {
      out.emergencyName = contact;
      out.emergencyPhone = phone;
    } else
      changes.push({
        field: 'emergencyName',
        before: `${contact} ${link}`,
        after: '',
        why: 'import.change.contactNoPhone'
      });
  } else if (contact && !owners.includes(contact))
    changes.push({
      field: 'emergencyName',
      before: contact,
      after: '',
      why: 'import.change.contactNoPhone'
    });
  return { row: importFields.map((f) => out[f]), problems, changes };
}

const identity: ColumnMapping = Object.fromEntries(importFields.map((f, i) => [f, i]));

const assetColumns = (): SourceColumn[] =>
  hcAssetHeader.map((column, i) => ({
    column,
    // 人员角色 is read with 业主类型 into the one role.
    field: i === 18 ? 'role' : assetFields[i],
    note: assetNotes[i] ?? (assetFields[i] ? undefined : 'import.hc.note.notImported')
  }));

function fromAssets(sheet: SheetRows): PreparedSource {
  // Row 1 is the header, skipped by position (ROA:57); a row whose 楼号 is empty is skipped.
  const kept = sheet.rows
    .map((row, i) => ({ row, line: sheet.lines[i] }))
    .slice(1)
    .filter(({ row }) => String(row[0] ?? '').trim() !== '');
  const converted = kept.map(({ row }) => convertAssetRow(row));
  return {
    kind: 'hcAssets',
    rows: converted.map((c) => c.row),
    mapping: identity,
    options: {
      lines: kept.map((k) => k.line),
      pre: converted.map(({ problems, changes }) => ({ problems, changes })),
      ownerRows: true
    },
    columns: assetColumns(),
    skippedSheets: [],
    report: {
      sheet: HC_ASSET_SHEET,
      header: hcAssetHeader,
      rows: kept.map(({ row }) => hcAssetHeader.map((_, i) => String(row[i] ?? '')))
    }
  };
}

/** The legacy sheets (hc-formats.md "Legacy format"), read by their header texts. */
const legacy = {
  buildings: '楼栋单元',
  owners: '业主信息',
  rooms: '房屋信息'
};

function columnsOf(sheet: SheetRows | undefined): (name: string, row: string[]) => string {
  const header = (sheet?.rows[0] ?? []).map((h) => normaliseCell(String(h)));
  return (name, row) => {
    const i = header.indexOf(name);
    return i < 0 ? '' : String(row[i] ?? '').trim();
  };
}

function fromExport(sheets: SheetRows[]): PreparedSource {
  const byName = (n: string) => sheets.find((s) => s.name.trim() === n);
  const unitsSheet = byName(legacy.buildings);
  const ownersSheet = byName(legacy.owners);
  const roomsSheet = byName(legacy.rooms);
  const u = columnsOf(unitsSheet);
  const o = columnsOf(ownersSheet);
  const r = columnsOf(roomsSheet);

  const entrances = new Map<string, { floors: string; lift: string }>();
  for (const row of unitsSheet?.rows.slice(1) ?? [])
    entrances.set(`${u('楼栋号', row)}|${u('单元编号', row)}`, {
      floors: u('总层数', row),
      lift: u('是否有电梯', row)
    });
  interface Owner {
    row: string[];
    line: number;
    used: boolean;
  }
  const owners = new Map<string, Owner>();
  const members = new Map<string, Owner[]>();
  const ownerRows = (ownersSheet?.rows ?? []).slice(1).map((row, i) => ({
    row,
    line: ownersSheet?.lines[i + 1] ?? i + 2,
    used: false
  }));
  for (const owner of ownerRows) {
    const type = o('业主类型', owner.row);
    if (type === '1001' || type === '') owners.set(o('业主编号', owner.row), owner);
    else {
      const head = o('户主编号', owner.row);
      const list = members.get(head);
      if (list) list.push(owner);
      else members.set(head, [owner]);
    }
  }

  const out: {
    asset: string[];
    line: number;
    sheet: string;
    problems: RowProblem[];
  }[] = [];
  const person = (row: string[]) => [
    o('业主名称', row),
    o('性别', row),
    o('手机号', row),
    o('身份证号', row),
    o('业主类型', row) || '1001',
    '',
    '',
    '',
    ''
  ];
  (roomsSheet?.rows ?? []).slice(1).forEach((row, i) => {
    const line = roomsSheet?.lines[i + 1] ?? i + 2;
    const building = r('楼栋编号', row);
    const unit = r('单元编号', row);
    const entrance = entrances.get(`${building}|${unit}`);
    const room = [
      building,
      unit,
      r('房屋编号', row),
      r('房屋楼层', row),
      entrance?.floors ?? '',
      entrance?.lift ?? '',
      r('房屋类型', row),
      r('房屋户型', row),
      r('建筑面积', row),
      r('室内面积', row),
      r('租金', row),
      ''
    ];
    const ownerId = r('业主编号', row);
    const owner = ownerId ? owners.get(ownerId) : undefined;
    const problems: RowProblem[] = [];
    // The old importer silently gave such a room no owner.
    if (ownerId && !owner && ownerId !== '-1')
      problems.push({
        field: 'name',
        column: '业主编号',
        reason: 'import.error.hcUnknownOwner',
        params: { value: ownerId }
      });
    if (owner) owner.used = true;
    out.push({
      asset: [...room, ...(owner ? person(owner.row) : Array<string>(9).fill(''))],
      line,
      sheet: legacy.rooms,
      problems
    });
    for (const member of owner ? (members.get(ownerId) ?? []) : []) {
      member.used = true;
      out.push({
        asset: [...room, ...person(member.row)],
        line: member.line,
        sheet: legacy.owners,
        problems: []
      });
    }
  });
  // Owners and family members no room refers to would be lost without a word.
  for (const owner of ownerRows)
    if (!owner.used)
      out.push({
        asset: [...Array<string>(12).fill(''), ...person(owner.row)],
        line: owner.line,
        sheet: legacy.owners,
        problems: [
          owners.has(o('业主编号', owner.row))
            ? { field: 'room', column: '业主编号', reason: 'import.error.hcOwnerNoRoom' }
            : {
                field: 'room',
                column: '户主编号',
                reason: 'import.error.hcNoHead',
                params: { value: o('户主编号', owner.row) }
              }
        ]
      });

  const converted = out.map((x) => convertAssetRow(x.asset));
  const legacyColumns = (
    sheet: SheetRows | undefined,
    homes: Record<string, ImportField | string>
  ) =>
    (sheet?.rows[0] ?? []).map((h) => {
      const column = normaliseCell(String(h));
      const home = homes[column];
      return home && !home.startsWith('import.')
        ? { sheet: sheet?.name, column, field: home as ImportField }
        : { sheet: sheet?.name, column, note: home ?? 'import.hc.note.notImported' };
    });
  return {
    kind: 'hcExport',
    rows: converted.map((c) => c.row),
    mapping: identity,
    options: {
      lines: out.map((x) => x.line),
      sheets: out.map((x) => x.sheet),
      pre: converted.map((c, i) => ({
        problems: [...out[i].problems, ...c.problems],
        changes: c.changes
      })),
      ownerRows: true
    },
    columns: [
      ...legacyColumns(unitsSheet, {
        楼栋号: 'building',
        单元编号: 'entrance',
        总层数: 'totalFloors',
        是否有电梯: 'lift'
      }),
      ...legacyColumns(ownersSheet, {
        业主编号: 'import.hc.note.link',
        业主名称: 'name',
        性别: 'gender',
        年龄: 'import.hc.note.age',
        手机号: 'phones',
        身份证号: 'idNumber',
        业主类型: 'role',
        户主编号: 'import.hc.note.link'
      }),
      ...legacyColumns(roomsSheet, {
        房屋编号: 'room',
        楼栋编号: 'building',
        单元编号: 'entrance',
        房屋楼层: 'floor',
        房屋户型: 'layout',
        建筑面积: 'areaM2',
        业主编号: 'import.hc.note.link',
        房屋费用: 'import.hc.note.fees',
        费用开始时间: 'import.hc.note.fees',
        房屋类型: 'unitType',
        室内面积: 'innerAreaM2',
        租金: 'rentYuan'
      })
    ],
    skippedSheets: sheets
      .map((s) => s.name)
      .filter((n) => ![legacy.buildings, legacy.owners, legacy.rooms].includes(n.trim())),
    report: { sheet: HC_ASSET_SHEET, header: hcAssetHeader, rows: out.map((x) => x.asset) }
  };
}

const clean = (text: unknown) => normaliseCell(String(text ?? ''));

/** Whether a header row is 资产信息's: most of A–Q's texts in their places. */
function looksLikeAssets(header: string[]): boolean {
  return hcAssetHeader.slice(0, 17).filter((h, i) => clean(header[i]) === h).length >= 12;
}

/**
 * Which source a workbook comes from, and its rows as the import reads them: HC's
 * 资产信息 (by the sheet's name, as HC finds it, or by its header), HC's export (its
 * 房屋信息 and 业主信息 sheets), else a spreadsheet of its own, read with `generic`.
 */
export function prepareSource(
  sheets: SheetRows[],
  generic: (header: string[]) => ColumnMapping
): PreparedSource {
  const assets =
    sheets.find((s) => s.name.trim() === HC_ASSET_SHEET) ??
    sheets.find((s) => looksLikeAssets((s.rows[0] ?? []).map(String)));
  if (assets) return fromAssets(assets);
  const names = new Set(sheets.map((s) => s.name.trim()));
  if (names.has(legacy.rooms) && names.has(legacy.owners)) return fromExport(sheets);
  const first = sheets.find((s) => s.rows.length) ?? { name: '', rows: [], lines: [] };
  const header = (first.rows[0] ?? []).map(String);
  return {
    kind: 'generic',
    rows: first.rows.slice(1),
    mapping: generic(header),
    options: { lines: first.lines.slice(1) },
    columns: [],
    skippedSheets: [],
    report: { sheet: first.name || 'Sheet1', header, rows: first.rows.slice(1) }
  };
}

/**
 * The file's own name of the column a field came from, for the report: a clerk with an HC
 * workbook looks for 业主类型, not the app's 身份. A recognised source names it from its
 * columns (the one on the row's sheet first), any other from the header and `mapping`;
 * undefined when no column of the file feeds the field.
 */
export function sourceColumnOf(
  source: Pick<PreparedSource, 'kind' | 'columns' | 'report'>,
  mapping: ColumnMapping,
  field: ImportField,
  sheet?: string
): string | undefined {
  if (source.kind === 'generic') {
    const index = mapping[field];
    const name = index === undefined ? '' : String(source.report.header[index] ?? '').trim();
    return name || undefined;
  }
  const columns = source.columns.filter((c) => c.field === field);
  return (columns.find((c) => c.sheet === sheet) ?? columns[0])?.column;
}
