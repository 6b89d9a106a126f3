/**
 * The columns of the units-and-residents sheet (issue 5 §6): one row per person on a
 * unit, or a unit alone. Export writes them in this order, so an exported file imports
 * back as it is.
 */
export const importFields = [
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
  'kind',
  'gender',
  'role',
  'phones',
  'from',
  'to',
  'idNumber',
  'tags',
  'specialCare',
  'emergencyName',
  'emergencyPhone',
  'preferences'
] as const;
export type ImportField = (typeof importFields)[number];

/** Column index of each field in the file; a field left unmapped is absent. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/**
 * Header texts offices use for each field, besides the app's own labels: a developer's
 * handover list says 房号 or 房间号, a bank's says 联系电话.
 */
const synonyms: Record<ImportField, string[]> = {
  building: ['楼栋', '楼号', '栋', '楼栋号', '栋号', '幢', 'building'],
  entrance: ['单元', '单元号', 'entrance'],
  room: ['房号', '房间号', '房间', '门牌号', '室', '房屋编号', 'room'],
  floor: ['楼层', '层', '房屋楼层', 'floor'],
  totalFloors: ['总层数', '总楼层', '楼层数', 'floors'],
  lift: ['是否有电梯', '电梯', '有无电梯', 'lift'],
  unitType: ['房屋类型', '类型', '物业类型', 'type', 'unit type'],
  layout: ['户型', '房屋户型', 'layout'],
  areaM2: ['建筑面积', '面积', '面积㎡', '面积(㎡)', 'area', 'area m2'],
  innerAreaM2: ['室内面积', '套内面积', '使用面积', 'inner area'],
  rentYuan: ['租金', '月租金', 'rent'],
  unitStatus: ['房屋状态', '状态', 'status'],
  name: ['姓名', '名称', '客户名称', '业主姓名', '业主名称', '住户姓名', 'name'],
  kind: ['类别', '客户类别', '个人/单位', '人员类型', 'kind'],
  gender: ['性别', 'gender', 'sex'],
  role: ['身份', '关系', '客户身份', 'role'],
  phones: ['电话', '手机', '手机号', '联系电话', '手机号码', 'phone', 'phones'],
  from: ['起始日期', '入住日期', '开始日期', 'from'],
  to: ['结束日期', '迁出日期', 'to'],
  idNumber: ['证件号码', '身份证号', '身份证号码', 'id number'],
  tags: ['标签', '客户分类', 'tags'],
  specialCare: ['特殊关怀', '关怀类别', 'special care'],
  emergencyName: ['紧急联系人', 'emergency contact'],
  emergencyPhone: ['紧急联系电话', '紧急联系人电话', 'emergency phone'],
  preferences: ['喜好与特点', '客户喜好', '备注', 'preferences']
};

const clean = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s*＊:：]/g, '');

/**
 * The mapping a file's header row most likely means: `labels` are the app's own column
 * names in the current language (what an export wrote), tried before the synonyms.
 */
export function guessMapping(
  headers: string[],
  labels: Partial<Record<ImportField, string>> = {}
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of importFields) {
    const names = [labels[field], ...synonyms[field]].filter((n): n is string => !!n).map(clean);
    const index = headers.findIndex((h, i) => !taken.has(i) && names.includes(clean(h)));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}
