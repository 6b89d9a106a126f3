import type { Messages } from '../../types';

export default {
  'shell.nav.label': '主選單',
  'shell.nav.home': '工作台',
  'shell.nav.tickets': '服務請求',
  'shell.nav.inbox': '業主來件',
  'shell.nav.households': '住戶',
  'shell.nav.units': '房屋',
  'shell.nav.visits': '走訪',
  'shell.nav.notices': '通知',
  'shell.nav.surveys': '問卷',
  'shell.nav.handover': '交接班',
  'shell.nav.lifecycle': '入住/裝修/遷出',
  'shell.nav.fees': '收費',
  'shell.nav.plan': '年度計劃',
  'shell.nav.reports': '報表',
  'shell.nav.settings': '設定',
  'shell.menu.open': '開啟選單',
  'shell.menu.close': '關閉選單',
  'shell.skipToContent': '跳至主要內容',
  'shell.lock': '鎖定畫面',
  'shell.switchUser': '切換使用者',
  'shell.notSignedIn': '尚未登入',
  'shell.language': '語言'
} satisfies Messages;
