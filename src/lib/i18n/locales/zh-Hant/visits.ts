import type { Messages } from '../../types';

export default {
  'visits.refused.tooLate': '不能預約 22:00 以後或清晨的時間（以管理處所在時區為準）',
  'visits.refused.needsTime': '上門走訪須先預約時間',
  'visits.refused.notInPlan': '該戶不在本月計劃中',
  'visits.refused.chooseVisitor': '請選擇走訪人',
  'visits.refused.inFuture': '走訪時間不能晚於現在',
  'visits.refused.alreadyRouted': '該條意見已轉出',
  'visits.refused.summaryLocked': '總結已提交，不能重新生成',
  'visits.refused.managerOnly': '只有經理可以審批',
  'visits.refused.notSubmitted': '總結尚未提交審批',
  'visits.validation.signature': '請業主簽名，或勾選「業主拒絕簽名」'
} satisfies Messages;
