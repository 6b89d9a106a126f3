import type { Messages } from '../../types';

export default {
  'search.label': '搜尋住戶或房屋',
  'search.placeholder': '姓名 / 拼音 / 電話後4位 / 3-2-1201',
  'search.results': '搜尋結果',
  'search.none': '沒有找到',
  'search.preparing': '正在準備搜尋…',
  'search.kind.unit': '房屋',
  'search.kind.company': '單位',
  'search.matched.name': '姓名',
  'search.matched.initials': '拼音首字母',
  'search.matched.pinyin': '拼音',
  'search.matched.phone': '電話',
  'search.matched.unit': '房號',
  'search.matched.room': '房號',
  'search.matched.tag': '標籤'
} satisfies Messages;
