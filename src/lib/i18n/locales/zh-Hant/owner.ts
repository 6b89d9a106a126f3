import type { Messages } from '$lib/i18n/types';

export default {
  'owner.suspect.title': '簽名與以往不同，請謹慎',
  'owner.suspect.body':
    '此通知自稱來自「{office}」，但簽名與本手機以前看到的該物業通知不同，可能是他人偽造。請向物業服務中心核實。',
  'owner.loading': '正在打開通知…',
  'owner.verified': '已驗證 · {office}',
  'owner.verifiedHint':
    '內容由物業服務中心簽名，未被改動。簽名編號 {code} 應與大堂張貼的通知一致。',
  'owner.altered.title': '此通知不可信',
  'owner.altered.body':
    '連結內容被改動過，或者不完整（有的聊天軟體會截斷長連結）。請以大堂張貼的通知為準，或向物業服務中心核實。',
  'owner.empty.title': '沒有通知內容',
  'owner.empty.body': '請從物業服務中心發送的連結，或掃描大堂通知上的二維碼打開。',
  'owner.unreachable.title': '暫時無法取得通知',
  'owner.unreachable.body':
    '這是一個短連結，通知內容保存在物業的中轉伺服器上，現在連接不上。請檢查網路後重試，或查看大堂張貼的通知。',
  'owner.expired.title': '通知已過期',
  'owner.expired.body': '中轉伺服器已不再保存這份通知。請查看大堂張貼的通知，或聯繫物業服務中心。',
  'owner.unknownZone.title': '無法顯示此通知的時間',
  'owner.unknownZone.body':
    '此通知使用的時區「{zone}」本手機無法識別，所以無法正確顯示時間。請更新手機系統或微信後重新打開，或查看大堂張貼的通知、聯絡物業服務中心。',
  'owner.retry': '重試',
  'owner.print': '列印',
  'owner.showQr': '顯示二維碼',
  'owner.hideQr': '收起二維碼',
  'owner.qrLabel': '本通知的二維碼',
  'owner.time': '時間',
  'owner.audience': '對象',
  'owner.published': '發布日期',
  'owner.phone': '諮詢電話',
  'owner.formLink': '報事報修 / 提建議',
  'owner.range': '{start} 至 {end}',
  'owner.language': '語言',
  'owner.kind.pestControl': '消殺',
  'owner.kind.waterCut': '停水',
  'owner.kind.powerCut': '停電',
  'owner.kind.works': '施工',
  'owner.kind.event': '社區活動',
  'owner.kind.fireSafety': '消防與法規',
  'owner.kind.financialReport': '財務報告',
  'owner.kind.surveyResults': '調查結果',
  'owner.kind.general': '通知',
  'owner.noscript': '請在瀏覽器中開啟 JavaScript 後查看通知，或查看大堂張貼的通知。',
  'owner.receipts':
    '本通知開啟了匿名閱讀統計：打開通知時，只向物業服務中心的伺服器按樓棟記一次數，不記錄您是誰，也不記錄您的手機或位置。',
  'owner.footer': '管家 · 物業通知'
} satisfies Messages;
