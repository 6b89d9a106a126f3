import type { Messages } from '../../types';

export default {
  'today.title': '今日待辦',
  'today.loading': '正在整理今日待辦…',
  'today.nothing': '今天沒有到期或逾時的事項。',
  'today.someFailed': '部分事項暫時無法讀取，請稍後再看。',
  'today.state.overdue': '已逾時（{n}）',
  'today.state.today': '今天到期（{n}）',
  'today.state.dueSoon': '即將到期（{n}）',
  'today.dueAt': '期限 {at}',
  'today.request.arrival': '維修到場將逾時',
  'today.request.sameDay': '急修須今日完成',
  'today.request.complaint': '投訴處理期限',
  'today.returnVisit.repair': '維修回訪',
  'today.returnVisit.complaint': '投訴回訪',
  'today.notice.due': '通知待發佈',
  'today.handover.accept': '交班待接收（{slot}）',
  'today.handover.notHandedOver': '交接班未完成（{slot}）',
  'today.handover.review': '交接班待審閱簽字（{slot}）',
  'today.alert.title': '管家：今日待辦',
  'today.alert.enable': '開啟到期提醒'
} satisfies Messages;
