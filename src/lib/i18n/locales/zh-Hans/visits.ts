import type { Messages } from '../../types';

export default {
  'visits.refused.tooLate': '不能预约 22:00 以后或清晨的时间（以管理处所在时区为准）',
  'visits.refused.needsTime': '上门走访须先预约时间',
  'visits.refused.notInPlan': '该户不在本月计划中',
  'visits.refused.chooseVisitor': '请选择走访人',
  'visits.refused.inFuture': '走访时间不能晚于现在',
  'visits.refused.alreadyRouted': '该条意见已转出',
  'visits.refused.summaryLocked': '总结已提交，不能重新生成',
  'visits.refused.managerOnly': '只有经理可以审批',
  'visits.refused.notSubmitted': '总结尚未提交审批',
  'visits.validation.signature': '请业主签名，或勾选“业主拒绝签名”'
} satisfies Messages;
