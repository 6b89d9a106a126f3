/**
 * What an owner's "what should we improve" is about, by the words it uses: the topics of
 * 001 §4.1 (order/security, cleaning, greening, repairs, staff attitude, facilities,
 * convenience services, community culture) plus fees and parking, which owners raise most.
 * A text that names none is "other". Simple keyword matching: it groups, staff read.
 */
export const textTopics = [
  'security',
  'cleaning',
  'greening',
  'repairs',
  'attitude',
  'facilities',
  'parking',
  'fees',
  'convenience',
  'culture',
  'other'
] as const;
export type TextTopic = (typeof textTopics)[number];

const keywords: Record<Exclude<TextTopic, 'other'>, readonly string[]> = {
  security: [
    '保安',
    '安全',
    '门禁',
    '巡逻',
    '秩序',
    '陌生人',
    '监控',
    '保全',
    '門禁',
    'security',
    'guard',
    'safe'
  ],
  cleaning: [
    '保洁',
    '卫生',
    '垃圾',
    '清洁',
    '打扫',
    '保潔',
    '衛生',
    '清潔',
    'clean',
    'rubbish',
    'garbage',
    'trash'
  ],
  greening: ['绿化', '草', '树', '花', '綠化', '樹', 'garden', 'green', 'tree', 'lawn'],
  repairs: ['维修', '报修', '漏水', '修理', '维护', '維修', '報修', '修', 'repair', 'leak', 'fix'],
  attitude: [
    '态度',
    '礼貌',
    '服务意识',
    '态度差',
    '態度',
    '禮貌',
    'attitude',
    'rude',
    'polite',
    'friendly'
  ],
  facilities: [
    '电梯',
    '设施',
    '健身',
    '游乐',
    '路灯',
    '照明',
    '電梯',
    '設施',
    'lift',
    'elevator',
    'facility',
    'light',
    'playground'
  ],
  parking: ['停车', '车位', '车库', '停車', '車位', 'parking', 'car'],
  fees: ['物业费', '收费', '费用', '价格', '物業費', '收費', '費用', 'fee', 'price', 'charge'],
  convenience: ['便民', '快递', '代收', '快遞', 'delivery', 'parcel', 'convenien'],
  culture: ['活动', '社区文化', '节日', '活動', '節日', 'event', 'activit', 'festival']
};

export function topicOf(text: string): TextTopic {
  const lower = text.toLowerCase();
  for (const topic of textTopics) {
    if (topic === 'other') break;
    if (keywords[topic].some((k) => lower.includes(k))) return topic;
  }
  return 'other';
}
