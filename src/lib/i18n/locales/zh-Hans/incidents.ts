import type { Messages } from '../../types';

export default {
  'incidents.kind.water': '停水',
  'incidents.kind.power': '停电',
  'incidents.kind.gas': '停气',
  'incidents.kind.elevator': '电梯停运',
  'incidents.kind.other': '其他',
  'incidents.title': '停水停电等事件',
  'incidents.subtitle': '事件持续期间，登记页面显示解释口径，来电归入事件，不再逐一建单',
  'incidents.ongoing': '正在发生的事件',
  'incidents.script': '对来电的解释口径',
  'incidents.scriptHint': '例如：因市政管网维修，3、5号楼今日14:00–18:00停水，请提前储水。',
  'incidents.calls': '已接来电 {n} 个',
  'incidents.attachCall': '此来电属于该事件',
  'incidents.callAttached': '来电已归入事件',
  'incidents.announce': '登记事件',
  'incidents.announced': '已登记事件',
  'incidents.end': '事件结束',
  'incidents.endedAt': '已于 {date} 结束',
  'incidents.none': '暂无事件',
  'incidents.planned': '计划内（已提前通知）',
  'incidents.sudden': '突发',
  'incidents.plannedHint': '计划停水停电须提前24小时通知业主',
  'incidents.field.kind': '类型',
  'incidents.field.title': '标题',
  'incidents.field.startsAt': '开始时间',
  'incidents.field.endsAt': '预计结束'
} satisfies Messages;
