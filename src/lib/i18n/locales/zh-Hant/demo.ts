import type { Messages } from '$lib/i18n/types';

export default {
  'demo.load.action': '載入示範資料',
  'demo.load.small': '小型：1 個社區，600 戶，約 1,800 位住戶',
  'demo.load.large': '大型：3 個社區，5,000 戶，約 15,000 位住戶',
  'demo.load.seed': '示範編號（可選）',
  'demo.load.seedHint': '換一個編號得到另一套示範資料（名稱和數字都不同），用於多個中心一起培訓',
  'demo.load.seedInvalid': '請輸入 1 到 999999 的整數',
  'demo.load.explain':
    '示範資料會加入到本辦公室現有資料旁邊，不會刪除或改動任何紀錄。包含兩年的報修、投訴和諮詢紀錄。',
  'demo.load.pins': '示範員工的 PIN：經理 {managerPin}，其他員工 {staffPin}。',
  'demo.load.progress': '正在載入示範資料…（{done}/{total}）',
  'demo.load.done': '示範資料已載入，新增 {rows} 筆紀錄。',
  'demo.load.nothingNew': '示範資料已在本裝置上，沒有需要新增的紀錄。',
  'demo.load.failed': '載入示範資料失敗，請重試。'
} satisfies Messages;
