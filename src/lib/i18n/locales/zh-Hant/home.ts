import type { Messages } from '../../types';

export default {
  'app.name': '管家',
  'home.title': '工作台',
  'home.welcome': '{name}，您好',
  'home.today': '今天是 {date}',
  'home.communities': '服務社區',
  'home.staff': '員工',
  'home.units': '房屋',
  'home.residents': '住戶檔案',
  'home.tickets': '服務請求',
  'home.emptyHint': '還沒有住戶資料。經理可在「設定」中載入示範資料試用。'
} satisfies Messages;
