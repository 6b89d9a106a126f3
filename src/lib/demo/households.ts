import { isoDate } from './calendar';
import { idCardNumber } from './id-card';
import { demoId } from './ids';
import { personName, surname, type Sex } from './names';
import { PhoneBook } from './phones';
import { firmName, shopName } from './places';
import type { DemoCommunity } from './property';
import { random } from './random';
import type { DemoRow, DemoSize } from './types';

/** Someone the desk may be dealing with about a unit, and when (Shanghai days). */
export interface UnitContact {
  personId: string;
  from: number;
  /** Last day; absent while they still live or work there. */
  to?: number;
}

export interface DemoPeople {
  person: DemoRow<'person'>[];
  occupancy: DemoRow<'occupancy'>[];
  /** Unit id → adults who may call about it (from a landline if need be), past and present. */
  contacts: Map<string, UnitContact[]>;
}

type Role = DemoRow<'occupancy'>['role'];
type Special = NonNullable<DemoRow<'person'>['specialCare']>[number];

const preferences = [
  '喜欢上午来电',
  '工作日白天不在家，请晚上联系',
  '家中有宠物狗，上门前请先电话',
  '听力不好，请大声说话或上门',
  '不方便接电话，请发短信',
  '周末常回老家',
  '对噪音比较敏感',
  '习惯到前台现场办理',
  '上门请提前一天预约',
  '家有婴儿，午休时间请勿打扰'
];

/**
 * People and their roles on the units (客户档案, 000 / 003 §3.11). Every draw happens
 * whatever `asOf` is; `asOf` only shifts the dates, so a unit's people keep their ids when
 * the demo is loaded again on another day.
 */
export function demoPeople(
  seed: number,
  size: DemoSize,
  communities: DemoCommunity[],
  asOfDay: number
): DemoPeople {
  const r = random(seed, size, 'people');
  const phones = new PhoneBook(random(seed, size, 'phones'));
  const asOfYear = Number(isoDate(asOfDay).slice(0, 4));
  const person: DemoRow<'person'>[] = [];
  const occupancy: DemoRow<'occupancy'>[] = [];
  const contacts = new Map<string, UnitContact[]>();

  interface Member {
    id: string;
    adult: boolean;
  }

  function human(
    sex: Sex,
    age: number,
    options: { family?: string; idCard?: boolean; head?: boolean } = {}
  ): Member {
    const birthYear = asOfYear - age;
    const name = personName(r, sex, birthYear, options.family ?? surname(r));
    // Children have no phone of their own; most elderly do.
    const phoneOdds = age < 16 ? 0 : age < 18 ? 0.5 : age >= 70 ? 0.7 : 1;
    const list: string[] = [];
    if (r.chance(phoneOdds)) list.push(phones.next());
    if (list.length && age >= 25 && r.chance(0.08)) list.push(phones.next());
    const idCard = options.idCard && r.chance(0.7) ? idCardNumber(r, sex, birthYear) : undefined;
    const tags: string[] = [];
    if (age >= 18) {
      if (options.head && r.chance(0.03)) tags.push('VIP');
      if (age >= 25 && age < 60 && r.chance(0.04)) tags.push('教师');
      if (age >= 25 && age < 60 && r.chance(0.02)) tags.push('医护');
      if (r.chance(0.03)) tags.push('家属');
      if (age >= 40 && r.chance(0.015)) tags.push('退役军人');
      if (age >= 22 && r.chance(0.04)) tags.push('党员');
      if (options.head && r.chance(0.006)) tags.push('业委会');
    }
    const specialCare: Special[] = [];
    if (age >= 10 && r.chance(0.01)) specialCare.push('disabled');
    if (age >= 70 && r.chance(0.02)) specialCare.push('specialContributor');
    const note = options.head && r.chance(0.06) ? r.pick(preferences) : undefined;
    const id = demoId(r);
    person.push({
      id,
      kind: 'person',
      name,
      phones: list,
      idNumber: idCard,
      tags,
      specialCare,
      notes: note
    });
    return { id, adult: age >= 18 };
  }

  function company(name: string): Member {
    const id = demoId(r);
    person.push({
      id,
      kind: 'company',
      name,
      phones: [phones.next()],
      tags: ['商户'],
      specialCare: []
    });
    return { id, adult: true };
  }

  function occupy(unitId: string, who: Member, role: Role, from: number, to?: number) {
    occupancy.push({
      id: demoId(r),
      unitId,
      personId: who.id,
      role,
      from: isoDate(from),
      to: to === undefined ? undefined : isoDate(to)
    });
    if (who.adult) {
      const list = contacts.get(unitId) ?? [];
      list.push({ personId: who.id, from, to });
      contacts.set(unitId, list);
    }
  }

  /** A household living in the unit; the first member is the owner or the lead tenant. */
  function household(
    unitId: string,
    headRole: 'owner' | 'tenant',
    n: number,
    from: number,
    to?: number
  ): Member[] {
    const familyName = surname(r);
    const otherRole: Role = headRole === 'owner' ? 'family' : 'tenant';
    const members: Member[] = [];
    const add = (m: Member) => {
      occupy(unitId, m, members.length === 0 ? headRole : otherRole, from, to);
      members.push(m);
    };
    const idCard = true;
    if (n === 1) {
      const elderly = r.chance(0.4);
      const m = human(r.chance(0.5) ? 'male' : 'female', elderly ? r.int(66, 90) : r.int(24, 45), {
        family: familyName,
        idCard,
        head: true
      });
      add(m);
      // 002: elderly people living alone get scheduled visits.
      if (elderly && r.chance(0.5)) {
        const row = person[person.length - 1];
        row.specialCare = [...(row.specialCare ?? []), 'elderlyAlone'];
        row.notes = `独居，子女在外地，紧急联系人电话 ${phones.next()}`;
      }
      return members;
    }
    const elderCouple = n === 2 && r.chance(0.3);
    const parentAge = elderCouple ? r.int(60, 82) : r.int(28, 52);
    const headSex: Sex = r.chance(0.7) ? 'male' : 'female';
    add(
      human(headSex, parentAge, {
        family: headSex === 'male' ? familyName : undefined,
        idCard,
        head: true
      })
    );
    add(
      human(headSex === 'male' ? 'female' : 'male', parentAge + r.int(-4, 4), {
        family: headSex === 'male' ? undefined : familyName,
        idCard
      })
    );
    const kids = n === 2 ? 0 : n === 3 ? 1 : r.int(1, 2);
    for (let i = 0; i < kids; i++)
      add(
        human(r.chance(0.5) ? 'male' : 'female', Math.max(0, parentAge - r.int(22, 34)), {
          family: familyName
        })
      );
    for (let i = members.length; i < n; i++)
      add(
        human(i % 2 ? 'male' : 'female', parentAge + r.int(24, 32), {
          family: i % 2 ? familyName : undefined
        })
      );
    return members;
  }

  /** Someone who owns the unit but does not live in it (vacant, renovating, let). */
  function absentOwner(unitId: string, from: number, to?: number): Member {
    const m = human(r.chance(0.6) ? 'male' : 'female', r.int(30, 70), { idCard: true, head: true });
    occupy(unitId, m, 'owner', from, to);
    return m;
  }

  for (const community of communities) {
    const handover = asOfDay - community.age * 365 - r.int(0, 120);
    const span = asOfDay - handover;
    /** A day in the community's life, drawn as a fraction so the draw does not depend on asOf. */
    const dayAt = (lo: number, hi: number) => handover + Math.floor(span * r.float(lo, hi));
    const residential = community.buildings.flatMap((b) =>
      b.units.filter((u) => u.type === 'residential')
    );
    // The developer (开发商) holds what is unsold and lets the shops and offices.
    const developer = company(`${community.row.name.slice(0, 2)}置业有限公司`);

    for (const b of community.buildings) {
      for (const unit of b.units) {
        if (unit.type === 'parking') {
          // Parking spaces are bought by residents of the same project.
          if (unit.status === 'vacant') occupy(unit.id, developer, 'owner', handover);
          else {
            const buyer = r.pick(residential);
            const owner = occupancy.find(
              (o) => o.unitId === buyer.id && o.role === 'owner' && !o.to
            );
            // Not a caller about the space: requests come from the flat.
            const who = owner ? { id: owner.personId, adult: false } : developer;
            occupy(unit.id, who, 'owner', dayAt(0.05, 0.9));
          }
          continue;
        }
        if (unit.type !== 'residential') {
          // Shops and offices are let by the developer to firms (集约式管理, 000).
          occupy(unit.id, developer, 'owner', handover);
          const lease = dayAt(0.05, 0.97);
          if (unit.status === 'vacant') continue;
          const firm = company(unit.type === 'shop' ? shopName(r) : firmName(r));
          occupy(unit.id, firm, 'tenant', lease);
          const contact = human(r.chance(0.5) ? 'male' : 'female', r.int(25, 55), {
            idCard: true,
            head: true
          });
          person[person.length - 1].tags = ['商户'];
          occupy(unit.id, contact, 'companyContact', lease);
          continue;
        }

        const x = r.next();
        if (unit.status === 'vacant') {
          // A fifth of the empty flats are unsold: the developer still holds them.
          if (x >= 0.2) absentOwner(unit.id, dayAt(0, 0.1));
          else occupy(unit.id, developer, 'owner', handover);
          continue;
        }
        if (unit.status === 'renovating') {
          // Bought recently, being done up before moving in (二次装修, 003 §3.2).
          const sale = asOfDay - r.int(20, 200);
          absentOwner(unit.id, handover + r.int(0, 60), sale - r.int(1, 15));
          absentOwner(unit.id, sale);
          continue;
        }
        if (x < 0.18) {
          // Let: the owner lives elsewhere, a tenant household lives here; some had tenants before.
          absentOwner(unit.id, dayAt(0, 0.2));
          const start = asOfDay - r.int(30, 1000);
          const hadBefore = r.chance(0.4);
          const previousEnd = start - r.int(3, 40);
          const previousStart = previousEnd - r.int(180, 900);
          if (hadBefore)
            household(
              unit.id,
              'tenant',
              r.int(1, 2),
              Math.max(handover, previousStart),
              previousEnd
            );
          household(
            unit.id,
            'tenant',
            r.weighted([
              [1, 3],
              [2, 3.5],
              [3, 2.5],
              [4, 1]
            ] as const),
            start
          );
          continue;
        }
        const n = r.weighted([
          [1, 10],
          [2, 22],
          [3, 30],
          [4, 24],
          [5, 14]
        ] as const);
        if (x < 0.28) {
          // Bought second-hand (二手房): the previous owner's record stays with its end date.
          const sale = dayAt(0.2, 0.95);
          absentOwner(unit.id, handover + r.int(0, 60), sale - r.int(1, 15));
          household(unit.id, 'owner', n, sale);
        } else {
          household(unit.id, 'owner', n, handover + r.int(0, 400));
        }
      }
    }
  }
  return { person, occupancy, contacts };
}
