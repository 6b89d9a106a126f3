import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { PinyinCache } from './pinyin-key';
import { SearchIndex, type SearchPersonDoc, type SearchUnitDoc } from './search-index';
import { normalizeUnitQuery } from './unit-query';

const syllables = (name: string) =>
  pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });

const units: SearchUnitDoc[] = [
  { id: 'u1', code: '3-2-1201', codes: ['3-2-1201', '3-1201'], room: '1201' },
  { id: 'u2', code: '5-0101', codes: ['5-0101'], room: '0101' }
];
const people: SearchPersonDoc[] = [
  {
    id: 'p1',
    name: '张三',
    company: false,
    phones: ['13812345678'],
    tags: ['教师'],
    codes: ['3-2-1201', '3-1201'],
    unitId: 'u1'
  },
  { id: 'p2', name: '曾小贤', company: false, phones: ['13900001111'], tags: [], codes: [] },
  {
    id: 'p3',
    name: '锦绣餐饮有限公司',
    company: true,
    phones: ['13700005678'],
    tags: ['商户'],
    codes: ['5-0101'],
    unitId: 'u2'
  },
  { id: 'p4', name: '赵四', company: false, phones: [], tags: ['VIP'], codes: [] }
];

function index() {
  const i = new SearchIndex(people, units);
  while (i.fillPinyin(new PinyinCache(), syllables, 2));
  return i;
}
const ids = (i: SearchIndex, q: string) => i.search(q).map((h) => `${h.kind}:${h.id}`);

describe('normalizeUnitQuery', () => {
  it('reads the ways the desk says a unit', () => {
    expect(normalizeUnitQuery('3-2-1201')).toBe('3-2-1201');
    expect(normalizeUnitQuery('3栋1201')).toBe('3-1201');
    expect(normalizeUnitQuery('3栋2单元1201')).toBe('3-2-1201');
    expect(normalizeUnitQuery('3号楼2单元1201室')).toBe('3-2-1201');
    expect(normalizeUnitQuery(' 3 栋 ')).toBe('3-');
    expect(normalizeUnitQuery('b1-001')).toBe('B1-001');
  });
  it('leaves digits and names alone', () => {
    expect(normalizeUnitQuery('1201')).toBeNull();
    expect(normalizeUnitQuery('张三')).toBeNull();
    expect(normalizeUnitQuery('zs')).toBeNull();
  });
});

describe('SearchIndex', () => {
  it('finds a person by pinyin initials and by full pinyin', () => {
    const i = index();
    expect(ids(i, 'zs')[0]).toBe('person:p1');
    expect(ids(i, 'zhangs')[0]).toBe('person:p1');
    expect(ids(i, 'zhangsan')[0]).toBe('person:p1');
    // 曾 as a surname reads zeng, not ceng.
    expect(ids(i, 'zxx')).toEqual(['person:p2']);
    expect(ids(i, 'zengxiao')).toEqual(['person:p2']);
  });

  it('finds pinyin only once it is filled in', () => {
    const i = new SearchIndex(people, units);
    expect(i.pinyinReady).toBe(false);
    expect(ids(i, 'zs')).toEqual([]);
    expect(ids(i, '张')).toEqual(['person:p1']);
  });

  it('finds by the last 4 digits of a phone, and rooms by their number', () => {
    const i = index();
    expect(ids(i, '5678')).toEqual(['person:p1', 'person:p3']);
    expect(ids(i, '13812345678')).toEqual(['person:p1']);
    expect(ids(i, '1201')).toEqual(['unit:u1']);
  });

  it('finds units and their people by unit code, as said in several ways', () => {
    const i = index();
    for (const q of ['3-2-1201', '3栋1201', '3栋2单元1201'])
      expect(ids(i, q)).toEqual(['unit:u1', 'person:p1']);
    expect(ids(i, '3-2-12')).toEqual(['unit:u1', 'person:p1']);
  });

  it('finds companies by part of their name, and people by tag', () => {
    const i = index();
    expect(ids(i, '锦绣')).toEqual(['person:p3']);
    expect(ids(i, '餐饮')).toEqual(['person:p3']);
    expect(ids(i, '教师')).toEqual(['person:p1']);
    expect(ids(i, 'vip')).toEqual(['person:p4']);
  });
});
