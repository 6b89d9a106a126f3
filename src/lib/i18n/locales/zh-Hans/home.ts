import type { Messages } from '../../types';

export default {
  'app.name': '管家',
  'home.title': '工作台',
  'home.welcome': '{name}，您好',
  'home.today': '今天是 {date}',
  'home.communities': '服务小区',
  'home.staff': '员工',
  'home.units': '房屋',
  'home.residents': '住户档案',
  'home.tickets': '服务请求',
  'home.emptyHint': '还没有住户资料。经理可在“设置”中载入演示数据试用。'
} satisfies Messages;
