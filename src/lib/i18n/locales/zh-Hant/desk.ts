import type { Messages } from '$lib/i18n/types';

export default {
  'tickets.intake.routeTo': '轉交{department}處理',
  'tickets.intake.routeHint': '按所選分類轉交，處理期限 {n} 個工作日',
  'notices.calendarUnknown':
    '{years} 年的節假日與調休尚未收錄：工作日與休息日按週一至週五估算，請人工核對。'
} satisfies Messages;
