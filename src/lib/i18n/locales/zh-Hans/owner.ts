import type { Messages } from '$lib/i18n/types';

export default {
  'owner.suspect.title': '签名与以往不同，请谨慎',
  'owner.suspect.body':
    '此通知自称来自“{office}”，但签名与本手机以前看到的该物业通知不同，可能是他人伪造。请向物业服务中心核实。',
  'owner.loading': '正在打开通知…',
  'owner.verified': '已验证 · {office}',
  'owner.verifiedHint':
    '内容由物业服务中心签名，未被改动。签名编号 {code} 应与大堂张贴的通知一致。',
  'owner.altered.title': '此通知不可信',
  'owner.altered.body':
    '链接内容被改动过，或者不完整（有的聊天软件会截断长链接）。请以大堂张贴的通知为准，或向物业服务中心核实。',
  'owner.empty.title': '没有通知内容',
  'owner.empty.body': '请从物业服务中心发送的链接，或扫描大堂通知上的二维码打开。',
  'owner.unreachable.title': '暂时无法取得通知',
  'owner.unreachable.body':
    '这是一个短链接，通知内容保存在物业的中转服务器上，现在连接不上。请检查网络后重试，或查看大堂张贴的通知。',
  'owner.expired.title': '通知已过期',
  'owner.expired.body': '中转服务器已不再保存这份通知。请查看大堂张贴的通知，或联系物业服务中心。',
  'owner.unknownZone.title': '无法显示此通知的时间',
  'owner.unknownZone.body':
    '此通知使用的时区“{zone}”本手机无法识别，所以无法正确显示时间。请更新手机系统或微信后重新打开，或查看大堂张贴的通知、联系物业服务中心。',
  'owner.retry': '重试',
  'owner.print': '打印',
  'owner.showQr': '显示二维码',
  'owner.hideQr': '收起二维码',
  'owner.qrLabel': '本通知的二维码',
  'owner.time': '时间',
  'owner.audience': '对象',
  'owner.published': '发布日期',
  'owner.phone': '咨询电话',
  'owner.formLink': '报事报修 / 提建议',
  'owner.range': '{start} 至 {end}',
  'owner.language': '语言',
  'owner.kind.pestControl': '消杀',
  'owner.kind.waterCut': '停水',
  'owner.kind.powerCut': '停电',
  'owner.kind.works': '施工',
  'owner.kind.event': '社区活动',
  'owner.kind.fireSafety': '消防与法规',
  'owner.kind.financialReport': '财务报告',
  'owner.kind.surveyResults': '调查结果',
  'owner.kind.general': '通知',
  'owner.noscript': '请在浏览器中开启 JavaScript 后查看通知，或查看大堂张贴的通知。',
  'owner.receipts':
    '本通知开启了匿名阅读统计：打开通知时，只向物业服务中心的服务器按楼栋记一次数，不记录您是谁，也不记录您的手机或位置。',
  'owner.footer': '管家 · 物业通知'
} satisfies Messages;
