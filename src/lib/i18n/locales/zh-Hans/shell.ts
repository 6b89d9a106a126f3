import type { Messages } from '../../types';

export default {
  'shell.nav.label': '主导航',
  'shell.nav.home': '工作台',
  'shell.nav.tickets': '服务请求',
  'shell.nav.inbox': '业主来件',
  'shell.nav.households': '住户',
  'shell.nav.units': '房屋',
  'shell.nav.visits': '走访',
  'shell.nav.notices': '通知',
  'shell.nav.surveys': '问卷',
  'shell.nav.handover': '交接班',
  'shell.nav.lifecycle': '入伙/装修/迁出',
  'shell.nav.fees': '收费',
  'shell.nav.plan': '年度计划',
  'shell.nav.reports': '报表',
  'shell.nav.settings': '设置',
  'shell.menu.open': '打开菜单',
  'shell.menu.close': '关闭菜单',
  'shell.skipToContent': '跳到主要内容',
  'shell.lock': '锁屏',
  'shell.switchUser': '切换用户',
  'shell.notSignedIn': '未登录',
  'shell.language': '语言'
} satisfies Messages;
