import type { Messages } from '../../types';

export default {
  'staff.title': '員工與職位',
  'staff.add': '新增員工',
  'staff.name': '姓名',
  'staff.role': '職位',
  'staff.phone': '手機號碼',
  'staff.pin': '初始 PIN 碼',
  'staff.pinConfirm': '再次輸入 PIN 碼',
  'staff.active': '在職',
  'staff.inactive': '已停用',
  'staff.added': '已新增 {name}',
  'staff.deactivate': '停用',
  'staff.activate': '啟用',
  'staff.onlyManager': '只有經理可以管理員工',
  'staff.count': '共 {n} 人'
} satisfies Messages;
