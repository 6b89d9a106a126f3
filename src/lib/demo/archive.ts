import { isoDate } from './calendar';
import { demoId } from './ids';
import { personName, type Sex } from './names';
import type { DemoCommunity } from './property';
import { random, type Random } from './random';
import type { DemoRow, DemoSize, DemoStaff } from './types';

/** The office's segment tags (DOMAIN "Records": 教师, 家属, 商户, VIP…): the ones the demo's people carry. */
const segmentTags: [string, string][] = [
  ['VIP', '重要客户，来电优先处理'],
  ['教师', ''],
  ['医护', '医护人员，夜班较多'],
  ['家属', '本公司员工家属'],
  ['退役军人', ''],
  ['党员', ''],
  ['业委会', '业主委员会成员'],
  ['商户', '商铺、写字间的租户']
];

type Category = DemoRow<'houseHealthEntry'>['category'];
/** What an office's engineering department writes in a unit's maintenance history (000). */
const works: Record<Category, string[]> = {
  structure: [
    '卫生间防水层渗漏，重做防水',
    '外墙窗边渗水，打胶处理',
    '阳台顶棚裂缝修补',
    '入户门门框松动加固'
  ],
  airConditioning: [
    '空调外机支架锈蚀，更换支架',
    '空调冷凝水管堵塞疏通',
    '中央空调风口清洗',
    '空调不制冷，补充冷媒'
  ],
  decoration: [
    '厨房吊顶局部脱落修复',
    '木地板起拱，重新铺装',
    '墙面瓷砖空鼓更换',
    '二次装修竣工验收，隐蔽工程已查'
  ],
  appliances: [
    '热水器漏水，更换进水阀',
    '可视对讲门铃更换',
    '燃气灶点火器维修',
    '抽油烟机止回阀更换'
  ],
  waterElectric: [
    '厨房插座跳闸，更换漏电开关',
    '卫生间下水管堵塞疏通',
    '水表前阀门更换',
    '客厅灯具线路老化，更换线路'
  ]
};
const categoryWeights: [Category, number][] = [
  ['waterElectric', 40],
  ['structure', 20],
  ['airConditioning', 18],
  ['appliances', 14],
  ['decoration', 8]
];

const relations = ['儿子', '女儿', '侄子', '外甥女', '邻居'];
const healthNotes = [
  '高血压，长期服药',
  '行动不便，使用轮椅',
  '糖尿病，注意低血糖',
  '心脏病史，备有急救药',
  '听力较弱，需当面沟通'
];

export interface DemoArchive {
  segmentTag: DemoRow<'segmentTag'>[];
  houseHealthEntry: DemoRow<'houseHealthEntry'>[];
}

/**
 * The rest of the customer archive (issue 5 §2–3) on top of the people the demo has:
 * the office's segment tags, emergency contacts and preferences in their own fields,
 * health notes with a recorded consent for some special-care residents, and the house
 * health archive of the units. Draws from its own stream, so the rows before it keep
 * their ids; like the people, only the dates move with `asOf`.
 */
export function demoArchive(
  seed: number,
  size: DemoSize,
  communities: DemoCommunity[],
  people: DemoRow<'person'>[],
  crew: { frontDesk: DemoStaff[]; engineer: DemoStaff[] },
  asOfDay: number
): DemoArchive {
  const r = random(seed, size, 'archive');
  const segmentTag = segmentTags.map(([name, note]) => ({
    id: demoId(r),
    name,
    note: note || undefined
  }));
  const recorder = crew.frontDesk[0]?.id ?? 'demo';
  const asOfYear = Number(isoDate(asOfDay).slice(0, 4));

  for (const p of people) {
    const note = p.notes ?? '';
    // households.ts writes these into the free-text notes; the archive has fields for them.
    const emergency = /紧急联系人电话 (1\d{10})/.exec(note);
    if (emergency) {
      const sex: Sex = r.chance(0.5) ? 'male' : 'female';
      p.emergencyContact = {
        name: personName(r, sex, asOfYear - r.int(30, 50), p.name.slice(0, 1)),
        phone: emergency[1],
        relation: r.pick(relations)
      };
      p.notes = note.replace(/，?紧急联系人电话 1\d{10}/, '');
    } else if (note && !note.includes('，紧急')) {
      p.preferences = note;
      p.notes = undefined;
    }
    const care = p.specialCare ?? [];
    if (care.length && r.chance(0.5)) {
      p.healthConsent = {
        on: isoDate(asOfDay - r.int(30, 900)),
        how: r.chance(0.8) ? 'signed' : 'verbal',
        recordedBy: recorder
      };
      p.healthNotes = r.pick(healthNotes);
    }
  }

  const houseHealthEntry: DemoRow<'houseHealthEntry'>[] = [];
  const engineers = crew.engineer.map((e) => `工程部 ${e.name}`);
  for (const community of communities) {
    const span = community.age * 365;
    for (const b of community.buildings) {
      for (const unit of b.units) {
        if (unit.type === 'parking' || !r.chance(0.3)) continue;
        const n = r.weighted([
          [1, 6],
          [2, 3],
          [3, 1]
        ] as const);
        for (let i = 0; i < n; i++)
          houseHealthEntry.push(entry(r, unit.id, span, asOfDay, engineers));
      }
    }
  }
  return { segmentTag, houseHealthEntry };
}

function entry(
  r: Random,
  unitId: string,
  span: number,
  asOfDay: number,
  engineers: string[]
): DemoRow<'houseHealthEntry'> {
  const category = r.weighted(categoryWeights);
  return {
    id: demoId(r),
    unitId,
    category,
    date: isoDate(asOfDay - r.int(3, Math.max(30, span))),
    description: r.pick(works[category]),
    doneBy: engineers.length && r.chance(0.85) ? r.pick(engineers) : '外包维修单位',
    photos: []
  };
}
