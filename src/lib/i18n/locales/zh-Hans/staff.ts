import type { Messages } from '../../types';

export default {
  'staff.title': '员工与岗位',
  'staff.add': '新增员工',
  'staff.name': '姓名',
  'staff.role': '岗位',
  'staff.phone': '手机号',
  'staff.pin': '初始 PIN 码',
  'staff.pinConfirm': '再次输入 PIN 码',
  'staff.active': '在岗',
  'staff.inactive': '已停用',
  'staff.added': '已添加 {name}',
  'staff.deactivate': '停用',
  'staff.activate': '启用',
  'staff.onlyManager': '只有经理可以管理员工',
  'staff.count': '共 {n} 人'
} satisfies Messages;
