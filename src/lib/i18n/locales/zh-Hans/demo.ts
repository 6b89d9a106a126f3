import type { Messages } from '$lib/i18n/types';

export default {
  'demo.load.action': '载入演示数据',
  'demo.load.small': '小型：1 个小区，600 户，约 1,800 位住户',
  'demo.load.large': '大型：3 个小区，5,000 户，约 15,000 位住户',
  'demo.load.seed': '演示编号（可选）',
  'demo.load.seedHint': '换一个编号得到另一套演示数据（名称和数字都不同），用于多个中心一起培训',
  'demo.load.seedInvalid': '请输入 1 到 999999 的整数',
  'demo.load.explain':
    '演示数据会加入到本办公室现有数据旁边，不会删除或改动任何记录。包含两年的报修、投诉和咨询记录。',
  'demo.load.pins': '演示员工的 PIN：经理 {managerPin}，其他员工 {staffPin}。',
  'demo.load.progress': '正在载入演示数据…（{done}/{total}）',
  'demo.load.done': '演示数据已载入，新增 {rows} 条记录。',
  'demo.load.nothingNew': '演示数据已在本设备上，没有需要新增的记录。',
  'demo.load.failed': '载入演示数据失败，请重试。'
} satisfies Messages;
