import type { OccupancyRole } from '../records/occupancy';
import type { SpecialCare } from '../records/person';
import type { UnitStatus, UnitType } from '../records/unit';

type Locale = 'zh-Hans' | 'zh-Hant' | 'en';
type Words<T extends string> = Record<T, Record<Locale, string> & { also?: string[] }>;

/**
 * The words a sheet uses for the registry's choices, in the three languages of the app.
 * An export writes the words of its language; an import reads any of them (and the
 * record's own key, e.g. "owner").
 */
export const roleWords: Words<OccupancyRole> = {
  owner: { 'zh-Hans': '业主', 'zh-Hant': '業主', en: 'owner', also: ['产权人'] },
  tenant: {
    'zh-Hans': '租户',
    'zh-Hant': '租戶',
    en: 'tenant',
    also: ['租客', '承租人', '物业使用人']
  },
  family: {
    'zh-Hans': '家庭成员',
    'zh-Hant': '家庭成員',
    en: 'family',
    also: ['家属', '成员', '同住人']
  },
  companyContact: {
    'zh-Hans': '单位联系人',
    'zh-Hant': '單位聯絡人',
    en: 'company contact',
    also: ['联系人', 'companyContact']
  }
};

export const unitTypeWords: Words<UnitType> = {
  residential: { 'zh-Hans': '住宅', 'zh-Hant': '住宅', en: 'residential' },
  shop: { 'zh-Hans': '商铺', 'zh-Hant': '商鋪', en: 'shop', also: ['商业', '底商'] },
  office: { 'zh-Hans': '写字间', 'zh-Hant': '寫字間', en: 'office', also: ['办公', '写字楼'] },
  parking: { 'zh-Hans': '车位', 'zh-Hant': '車位', en: 'parking', also: ['停车位', '车库'] },
  storage: {
    'zh-Hans': '储藏室',
    'zh-Hant': '儲藏室',
    en: 'storage',
    also: ['储物间', '储藏间', '杂物间', 'storage room']
  }
};

export const unitStatusWords: Words<UnitStatus> = {
  vacant: { 'zh-Hans': '空置', 'zh-Hant': '空置', en: 'vacant', also: ['未入住', '空房'] },
  occupied: {
    'zh-Hans': '已入住',
    'zh-Hant': '已入住',
    en: 'occupied',
    also: ['入住', '自住', '出租']
  },
  renovating: { 'zh-Hans': '装修中', 'zh-Hant': '裝修中', en: 'renovating', also: ['装修'] }
};

export const genderWords: Words<'male' | 'female'> = {
  male: { 'zh-Hans': '男', 'zh-Hant': '男', en: 'male', also: ['m'] },
  female: { 'zh-Hans': '女', 'zh-Hant': '女', en: 'female', also: ['f'] }
};

/** 是否有电梯: HC writes 有, its template asks for 是/否. */
export const liftWords: Words<'yes' | 'no'> = {
  yes: { 'zh-Hans': '有', 'zh-Hant': '有', en: 'yes', also: ['是', '有电梯', 'y', '1'] },
  no: { 'zh-Hans': '无', 'zh-Hant': '無', en: 'no', also: ['否', '没有', '无电梯', 'n', '0'] }
};

export const kindWords: Words<'person' | 'company'> = {
  person: { 'zh-Hans': '个人', 'zh-Hant': '個人', en: 'person' },
  company: { 'zh-Hans': '单位', 'zh-Hant': '單位', en: 'company', also: ['公司', '企业'] }
};

export const specialCareWords: Words<SpecialCare> = {
  disabled: { 'zh-Hans': '残疾人', 'zh-Hant': '殘疾人', en: 'disabled' },
  elderlyAlone: {
    'zh-Hans': '孤寡老人',
    'zh-Hant': '孤寡老人',
    en: 'elderly alone',
    also: ['独居老人', 'elderlyAlone']
  },
  specialContributor: {
    'zh-Hans': '特殊贡献者',
    'zh-Hant': '特殊貢獻者',
    en: 'special contributor',
    also: ['specialContributor']
  }
};

/** Every word an import accepts for a coded field, in the sheet's language first. */
export function acceptedWords<T extends string>(words: Words<T>, locale: Locale): string[] {
  return (Object.keys(words) as T[]).flatMap((k) => [words[k][locale], ...(words[k].also ?? [])]);
}

/** The key a cell's word means, or undefined. */
export function readWord<T extends string>(words: Words<T>, cell: string): T | undefined {
  const text = cell.trim().toLowerCase();
  for (const key of Object.keys(words) as T[]) {
    const w = words[key];
    const all = [key, w['zh-Hans'], w['zh-Hant'], w.en, ...(w.also ?? [])];
    if (all.some((x) => x.toLowerCase() === text)) return key;
  }
  return undefined;
}

export function writeWord<T extends string>(words: Words<T>, key: T, locale: Locale): string {
  return words[key][locale];
}

export type SheetLocale = Locale;
