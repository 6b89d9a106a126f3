import type { TicketKind } from '../records/ticket';
import type { Department } from './departments';

/**
 * The categories an office starts with (the demo office's and those of the manuals'
 * 维修服务项目表), until it edits its own dictionary (003 篇三).
 */
export interface DefaultCategory {
  kind: TicketKind;
  name: string;
  department?: Department;
}

const repair = ['水电', '门窗', '空调', '暖气', '房屋本体', '公共设施', '电梯', '给排水'];
const complaint: [string, Department][] = [
  ['噪音', 'security'],
  ['卫生', 'cleaning'],
  ['停车', 'security'],
  ['服务态度', 'customerService'],
  ['维修质量', 'engineering'],
  ['绿化', 'greening'],
  ['安全', 'security'],
  ['收费', 'finance'],
  ['宠物', 'security']
];
const inquiry = ['缴费', '装修', '停车', '通知', '证件', '其他'];
const suggestion = ['设施', '服务', '活动', '环境'];
const paid: [string, Department][] = [
  ['家电清洗', 'engineering'],
  ['疏通', 'engineering'],
  ['开锁', 'engineering'],
  ['家政保洁', 'cleaning'],
  ['安装', 'engineering'],
  ['搬运', 'cleaning']
];
const praise = ['表扬'];

export const defaultCategories: DefaultCategory[] = [
  ...repair.map((name) => ({ kind: 'repair' as const, name, department: 'engineering' as const })),
  ...complaint.map(([name, department]) => ({ kind: 'complaint' as const, name, department })),
  ...inquiry.map((name) => ({ kind: 'inquiry' as const, name })),
  ...suggestion.map((name) => ({ kind: 'suggestion' as const, name })),
  ...paid.map(([name, department]) => ({ kind: 'paidService' as const, name, department })),
  ...praise.map((name) => ({ kind: 'praise' as const, name }))
];
