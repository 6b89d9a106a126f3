import type { Messages } from '../../types';

export default {
  'incidents.kind.water': '停水',
  'incidents.kind.power': '停電',
  'incidents.kind.gas': '停氣',
  'incidents.kind.elevator': '電梯停運',
  'incidents.kind.other': '其他',
  'incidents.title': '停水停電等事件',
  'incidents.subtitle': '事件持續期間，登記頁面顯示解釋口徑，來電歸入事件，不再逐一建單',
  'incidents.ongoing': '正在發生的事件',
  'incidents.script': '對來電的解釋口徑',
  'incidents.scriptHint': '例如：因市政管網維修，3、5號樓今日14:00–18:00停水，請提前儲水。',
  'incidents.calls': '已接來電 {n} 個',
  'incidents.attachCall': '此來電屬於該事件',
  'incidents.callAttached': '來電已歸入事件',
  'incidents.announce': '登記事件',
  'incidents.announced': '已登記事件',
  'incidents.end': '事件結束',
  'incidents.endedAt': '已於 {date} 結束',
  'incidents.none': '暫無事件',
  'incidents.planned': '計畫內（已提前通知）',
  'incidents.sudden': '突發',
  'incidents.plannedHint': '計畫停水停電須提前24小時通知業主',
  'incidents.field.kind': '類型',
  'incidents.field.title': '標題',
  'incidents.field.startsAt': '開始時間',
  'incidents.field.endsAt': '預計結束'
} satisfies Messages;
