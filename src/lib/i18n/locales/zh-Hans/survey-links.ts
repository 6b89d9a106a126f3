import type { Messages } from '$lib/i18n/types';

// Survey links for owners and the intake of their answers (issue 16 §5).
export default {
  'surveyLinks.open': '业主扫码答卷',
  'surveyLinks.title': '业主扫码答卷',
  'surveyLinks.intro':
    '业主用手机扫码即可答卷，无需下载、无需注册。每户专属二维码带有本户的住户编码；楼栋海报的二维码需业主输入问卷上印的住户编码。每户只计一份答卷，以先收到的为准。',
  'surveyLinks.noRelay':
    '还没有设置中转服务器：业主的答卷需要经由它送达。请在设置中填写中转服务器地址。',
  'surveyLinks.relayError': '中转服务器暂时连不上，链接没有生成。请联网后重试。',
  'surveyLinks.notAllowed': '业主链接由经理或主管生成，生成后可在这里打印。',
  'surveyLinks.closed': '调查已结束，业主链接不再接收答卷。',
  'surveyLinks.make': '生成业主链接',
  'surveyLinks.retry': '重试',
  'surveyLinks.preparing': '正在生成链接…',
  'surveyLinks.show': '显示',
  'surveyLinks.posters': '各楼栋海报（每栋一个二维码）',
  'surveyLinks.households': '{building}：每户一个二维码',
  'surveyLinks.print': '打印',
  'surveyLinks.posterTitle': '扫码参加满意度调查',
  'surveyLinks.posterHint':
    '请输入您收到的问卷上印的住户编码。每户一份；答卷在手机上加密，只有物业服务中心能读取。',
  'surveyLinks.householdHint': '扫码答卷（本户专属，每户一份）',
  'surveyLinks.deadline': '截止日期：{date}',
  'surveyLinks.qrLabel': '{label} 的二维码',
  'surveyLinks.openLink': '打开业主页面',
  'surveyLinks.byChannel': '纸质答卷 {paper} 份 · 扫码答卷 {link} 份',
  'surveyLinks.intakeSurvey': '满意度答卷',
  'surveyLinks.intakeCounted': '已计入调查结果',
  'surveyLinks.refusal.malformed': '未计入：内容无法识别',
  'surveyLinks.refusal.otherSurvey': '未计入：不是本次调查的答卷',
  'surveyLinks.refusal.unknownCode': '未计入：住户编码不对（可能是伪造或输错的链接）',
  'surveyLinks.refusal.closed': '未计入：送达时调查已结束',
  'surveyLinks.refusal.duplicate': '未计入：本户已有答卷（每户只计一份）',
  'surveyLinks.refusal.empty': '未计入：没有回答任何题目'
} satisfies Messages;
