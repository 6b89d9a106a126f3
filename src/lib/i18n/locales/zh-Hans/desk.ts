import type { Messages } from '$lib/i18n/types';

export default {
  'tickets.intake.routeTo': '转交{department}处理',
  'tickets.intake.routeHint': '按所选分类转交，处理期限 {n} 个工作日',
  'notices.calendarUnknown':
    '{years} 年的节假日与调休尚未收录：工作日与休息日按周一至周五估算，请人工核对。'
} satisfies Messages;
