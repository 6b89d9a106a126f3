import type { Messages } from '../../types';

export default {
  'today.title': '今日待办',
  'today.loading': '正在整理今日待办…',
  'today.nothing': '今天没有到期或超时的事项。',
  'today.someFailed': '部分事项暂时无法读取，请稍后再看。',
  'today.state.overdue': '已超时（{n}）',
  'today.state.today': '今天到期（{n}）',
  'today.state.dueSoon': '即将到期（{n}）',
  'today.dueAt': '期限 {at}',
  'today.request.arrival': '维修到场将超时',
  'today.request.sameDay': '急修须今日完成',
  'today.request.complaint': '投诉处理期限',
  'today.returnVisit.repair': '维修回访',
  'today.returnVisit.complaint': '投诉回访',
  'today.notice.due': '通知待发布',
  'today.handover.accept': '交班待接收（{slot}）',
  'today.handover.notHandedOver': '交接班未完成（{slot}）',
  'today.handover.review': '交接班待审阅签字（{slot}）',
  'today.alert.title': '管家：今日待办',
  'today.alert.enable': '开启到期提醒'
} satisfies Messages;
