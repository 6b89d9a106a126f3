import type { Messages } from '../../types';

export default {
  'search.label': '搜索住户或房屋',
  'search.placeholder': '姓名 / 拼音 / 电话后4位 / 3-2-1201',
  'search.results': '搜索结果',
  'search.none': '没有找到',
  'search.preparing': '正在准备搜索…',
  'search.kind.unit': '房屋',
  'search.kind.company': '单位',
  'search.matched.name': '姓名',
  'search.matched.initials': '拼音首字母',
  'search.matched.pinyin': '拼音',
  'search.matched.phone': '电话',
  'search.matched.unit': '房号',
  'search.matched.room': '房号',
  'search.matched.tag': '标签'
} satisfies Messages;
