import type { Messages } from '$lib/i18n/types';

// Survey links for owners and the intake of their answers (issue 16 §5).
export default {
  'surveyLinks.open': '業主掃碼答卷',
  'surveyLinks.title': '業主掃碼答卷',
  'surveyLinks.intro':
    '業主用手機掃碼即可答卷，無需下載、無需註冊。每戶專屬二維碼帶有本戶的住戶編碼；樓棟海報的二維碼需業主輸入問卷上印的住戶編碼。每戶只計一份答卷，以先收到的為準。',
  'surveyLinks.noRelay':
    '還沒有設定中轉伺服器：業主的答卷需要經由它送達。請在設定中填寫中轉伺服器地址。',
  'surveyLinks.relayError': '中轉伺服器暫時連不上，連結沒有生成。請連網後重試。',
  'surveyLinks.notAllowed': '業主連結由經理或主管生成，生成後可在這裡列印。',
  'surveyLinks.closed': '調查已結束，業主連結不再接收答卷。',
  'surveyLinks.make': '生成業主連結',
  'surveyLinks.retry': '重試',
  'surveyLinks.preparing': '正在生成連結…',
  'surveyLinks.show': '顯示',
  'surveyLinks.posters': '各樓棟海報（每棟一個二維碼）',
  'surveyLinks.households': '{building}：每戶一個二維碼',
  'surveyLinks.print': '列印',
  'surveyLinks.posterTitle': '掃碼參加滿意度調查',
  'surveyLinks.posterHint':
    '請輸入您收到的問卷上印的住戶編碼。每戶一份；答卷在手機上加密，只有物業服務中心能讀取。',
  'surveyLinks.householdHint': '掃碼答卷（本戶專屬，每戶一份）',
  'surveyLinks.deadline': '截止日期：{date}',
  'surveyLinks.qrLabel': '{label} 的二維碼',
  'surveyLinks.openLink': '打開業主頁面',
  'surveyLinks.byChannel': '紙本答卷 {paper} 份 · 掃碼答卷 {link} 份',
  'surveyLinks.intakeSurvey': '滿意度答卷',
  'surveyLinks.intakeCounted': '已計入調查結果',
  'surveyLinks.refusal.malformed': '未計入：內容無法識別',
  'surveyLinks.refusal.otherSurvey': '未計入：不是本次調查的答卷',
  'surveyLinks.refusal.unknownCode': '未計入：住戶編碼不對（可能是偽造或輸錯的連結）',
  'surveyLinks.refusal.closed': '未計入：送達時調查已結束',
  'surveyLinks.refusal.duplicate': '未計入：本戶已有答卷（每戶只計一份）',
  'surveyLinks.refusal.empty': '未計入：沒有回答任何題目'
} satisfies Messages;
