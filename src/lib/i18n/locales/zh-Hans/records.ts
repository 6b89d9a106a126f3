import type { Messages } from '../../types';

export default {
  'validation.pin': 'PIN 码须为 4–8 位数字',
  'validation.pinMismatch': '两次输入的 PIN 码不一致',
  'validation.role': '请选择岗位',
  'validation.endBeforeStart': '结束日期不能早于开始日期',
  'write.forbidden': '您的岗位无权执行此操作',
  'write.notFound': '记录不存在或已删除',
  'role.manager': '经理',
  'role.supervisor': '客服主管',
  'role.frontDesk': '客服前台',
  'role.engineer': '工程部',
  'role.security': '保安部',
  'role.cleaning': '环境部·保洁',
  'role.greening': '环境部·绿化',
  'role.finance': '财务',
  'role.company': '公司（只读）'
} satisfies Messages;
