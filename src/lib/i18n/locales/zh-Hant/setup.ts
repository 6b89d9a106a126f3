import type { Messages } from '../../types';

export default {
  'setup.title': '歡迎使用管家',
  'setup.intro': '首次使用：請填寫物業服務中心的資料，並建立第一位經理的帳號。',
  'setup.officeName': '物業服務中心名稱',
  'setup.officeNameHint': '例如：錦繡花園物業服務中心',
  'setup.communityName': '社區名稱',
  'setup.managerName': '經理姓名',
  'setup.pin': 'PIN 碼',
  'setup.pinHint': '4–8 位數字，用於在平板上登入',
  'setup.pinConfirm': '再次輸入 PIN 碼',
  'setup.submit': '建立',
  'setup.alreadyDone': '本裝置已設定過物業服務中心'
} satisfies Messages;
