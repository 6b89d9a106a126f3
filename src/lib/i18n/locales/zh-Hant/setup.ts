import type { Messages } from '../../types';

export default {
  'setup.title': '歡迎使用管家',
  'setup.intro': '首次使用：請填寫物業服務中心的資料，並建立第一位經理的帳號。',
  'setup.officeName': '物業服務中心名稱',
  'setup.officeNameHint': '例如：錦繡花園物業服務中心',
  'setup.officePhone': '服務中心電話',
  'setup.officePhoneHint':
    '印在通知上的聯絡電話，例如 0755-12345678；也可以之後在「通告 → 範本與印章」中填寫',
  'setup.communityName': '社區名稱',
  'setup.managerName': '經理姓名',
  'setup.pin': 'PIN 碼',
  'setup.pinHint': '4–8 位數字，用於在平板上登入',
  'setup.pinConfirm': '再次輸入 PIN 碼',
  'setup.submit': '建立',
  'setup.alreadyDone': '本裝置已設定過物業服務中心',
  'setup.restore.open': '從備份恢復',
  'setup.company': '公司設備（唯讀，多個物業服務中心）',
  'setup.restore.title': '從備份恢復',
  'setup.restore.explain':
    '選擇本中心在「設定 → 備份」下載的備份檔案（.zip）。全部記錄、交接班記錄和照片會恢復到這台設備上。',
  'setup.restore.choose': '備份檔案',
  'setup.restore.progress': '正在恢復…（{done}/{total}）',
  'setup.restore.cancel': '返回',
  'setup.restore.notBackup': '這不是管家的備份檔案。',
  'setup.restore.newerVersion': '這個備份來自更新版本的應用，請先更新應用。',
  'setup.restore.notEmpty': '這台設備上已有資料，只能恢復到空設備。'
} satisfies Messages;
