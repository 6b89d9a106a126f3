import type { Messages } from '../../types';

export default {
  'validation.pin': 'PIN 碼須為 4–8 位數字',
  'validation.pinMismatch': '兩次輸入的 PIN 碼不一致',
  'validation.role': '請選擇職位',
  'validation.endBeforeStart': '結束日期不能早於開始日期',
  'write.forbidden': '您的職位無權執行此操作',
  'write.notFound': '記錄不存在或已刪除',
  'role.manager': '經理',
  'role.supervisor': '客服主管',
  'role.frontDesk': '客服前台',
  'role.engineer': '工程部',
  'role.security': '保安部',
  'role.cleaning': '環境部·清潔',
  'role.greening': '環境部·綠化',
  'role.finance': '財務',
  'role.company': '公司（唯讀）'
} satisfies Messages;
