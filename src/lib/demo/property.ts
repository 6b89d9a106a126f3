import { demoId } from './ids';
import { address, communityNames, mixedNames } from './places';
import { random, type Random } from './random';
import type { DemoRow, DemoSize } from './types';

/** What the brief asks of each size (foundation issue item 7). */
interface CommunityPlan {
  kind: 'residential' | 'mixed';
  residentialUnits: number;
  buildings: number;
  /** Years since the developer handed the flats over (交房). */
  age: number;
  shops?: number;
  offices?: number;
  parking?: number;
}

const plans: Record<DemoSize, CommunityPlan[]> = {
  small: [{ kind: 'residential', residentialUnits: 600, buildings: 12, age: 9 }],
  large: [
    { kind: 'residential', residentialUnits: 2100, buildings: 20, age: 12 },
    { kind: 'residential', residentialUnits: 1900, buildings: 18, age: 6 },
    // Commercial occupancy is measured from year 3 (004), so the mixed project is young.
    {
      kind: 'mixed',
      residentialUnits: 760,
      buildings: 8,
      age: 3,
      shops: 80,
      offices: 100,
      parking: 60
    }
  ]
};

export interface DemoCommunity {
  row: DemoRow<'community'>;
  /** Years since handover: the earliest owners moved in then. */
  age: number;
  buildings: DemoBuilding[];
}

export interface DemoBuilding {
  row: DemoRow<'building'>;
  entrances: number;
  units: DemoRow<'unit'>[];
}

interface Layout {
  entrances: number;
  perFloor: number;
  floors: number;
  /** Units left out at the top (复式 penthouses): how the total lands exactly on the plan. */
  topMissing: number;
}

const unitsOf = (l: Layout) => l.entrances * l.perFloor * l.floors - l.topMissing;

/** Residential buildings whose units add up to exactly `total`: 6–33 floors, 1–3 entrances, 2–4 flats a floor. */
function layouts(r: Random, total: number, count: number): Layout[] {
  const mean = total / count;
  const list: Layout[] = [];
  for (let i = 0; i < count; i++) {
    const entrances = r.weighted([
      [1, 4],
      [2, 4],
      [3, 2]
    ] as const);
    const perFloor = r.weighted([
      [2, 5],
      [3, 2],
      [4, 3]
    ] as const);
    const floors = Math.round((mean * r.float(0.7, 1.3)) / (entrances * perFloor));
    list.push({ entrances, perFloor, floors: Math.min(33, Math.max(6, floors)), topMissing: 0 });
  }
  let sum = list.reduce((n, l) => n + unitsOf(l), 0);
  while (sum < total) {
    const l = r.pick(list.filter((b) => b.floors < 33));
    l.floors++;
    sum += l.entrances * l.perFloor;
  }
  for (;;) {
    const excess = sum - total;
    const shrinkable = list.filter((b) => b.floors > 6 && b.entrances * b.perFloor <= excess);
    if (!shrinkable.length) break;
    const l = r.pick(shrinkable);
    l.floors--;
    sum -= l.entrances * l.perFloor;
  }
  while (sum > total) {
    const l = r.pick(list.filter((b) => b.topMissing < b.perFloor - 1));
    l.topMissing++;
    sum--;
  }
  return list;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function status(r: Random, occupied: number, renovating: number): DemoRow<'unit'>['status'] {
  const x = r.next();
  return x < occupied ? 'occupied' : x < occupied + renovating ? 'renovating' : 'vacant';
}

function residentialBuilding(
  r: Random,
  communityId: string,
  code: number,
  layout: Layout
): DemoBuilding {
  const row: DemoRow<'building'> = {
    id: demoId(r),
    communityId,
    code: String(code),
    name: `${code}号楼`,
    floors: layout.floors
  };
  // One floor plan per position on the floor; end flats (边户) are the larger ones.
  const plan = Array.from({ length: layout.perFloor }, (_, i) =>
    round2(i === 0 || i === layout.perFloor - 1 ? r.float(95, 180) : r.float(60, 110))
  );
  const units: DemoRow<'unit'>[] = [];
  for (let e = 1; e <= layout.entrances; e++) {
    for (let floor = 1; floor <= layout.floors; floor++) {
      for (let i = 1; i <= layout.perFloor; i++) {
        // The missing top-floor flats are taken from the last entrances' highest numbers.
        const fromEnd = (layout.entrances - e) * layout.perFloor + (layout.perFloor - i);
        if (floor === layout.floors && fromEnd < layout.topMissing) continue;
        units.push({
          id: demoId(r),
          communityId,
          buildingId: row.id,
          entrance: layout.entrances === 1 ? '' : String(e),
          room: `${floor}${String(i).padStart(2, '0')}`,
          floor,
          type: 'residential',
          areaM2: plan[i - 1],
          status: status(r, 0.87, 0.04)
        });
      }
    }
  }
  return { row, entrances: layout.entrances, units };
}

function commercialBuildings(
  r: Random,
  communityId: string,
  firstCode: number,
  plan: CommunityPlan
): DemoBuilding[] {
  const out: DemoBuilding[] = [];
  const unit = (
    buildingId: string,
    room: string,
    floor: number,
    type: DemoRow<'unit'>['type'],
    areaM2: number,
    occupied: number
  ): DemoRow<'unit'> => ({
    id: demoId(r),
    communityId,
    buildingId,
    entrance: '',
    room,
    floor,
    type,
    areaM2: round2(areaM2),
    status: status(r, occupied, 0.04)
  });
  if (plan.shops) {
    const row: DemoRow<'building'> = {
      id: demoId(r),
      communityId,
      code: String(firstCode),
      name: '商业街',
      floors: 2
    };
    const perFloor = Math.ceil(plan.shops / 2);
    const units = Array.from({ length: plan.shops }, (_, i) => {
      const floor = i < perFloor ? 1 : 2;
      return unit(
        row.id,
        `${floor}${String((i % perFloor) + 1).padStart(2, '0')}`,
        floor,
        'shop',
        r.float(30, 200),
        0.88
      );
    });
    out.push({ row, entrances: 1, units });
  }
  if (plan.offices) {
    const perFloor = 5;
    const floors = Math.ceil(plan.offices / perFloor) + 1; // the lobby floor has no offices
    const row: DemoRow<'building'> = {
      id: demoId(r),
      communityId,
      code: String(firstCode + 1),
      name: '写字楼',
      floors
    };
    const units = Array.from({ length: plan.offices }, (_, i) => {
      const floor = Math.floor(i / perFloor) + 2;
      return unit(
        row.id,
        `${floor}${String((i % perFloor) + 1).padStart(2, '0')}`,
        floor,
        'office',
        r.float(80, 400),
        0.8
      );
    });
    out.push({ row, entrances: 1, units });
  }
  if (plan.parking) {
    const row: DemoRow<'building'> = {
      id: demoId(r),
      communityId,
      code: 'B1',
      name: '地下车库',
      floors: 1
    };
    const units = Array.from({ length: plan.parking }, (_, i) =>
      unit(row.id, `B1-${String(i + 1).padStart(3, '0')}`, -1, 'parking', r.float(12.5, 15), 0.85)
    );
    out.push({ row, entrances: 1, units });
  }
  return out;
}

/** The property registry: communities → buildings → units. Independent of `asOf`. */
export function demoProperty(seed: number, size: DemoSize): DemoCommunity[] {
  const r = random(seed, size, 'property');
  const names = r.shuffle([...communityNames]);
  return plans[size].map((plan, index) => {
    const name = plan.kind === 'mixed' ? r.pick(mixedNames) : names[index];
    const row: DemoRow<'community'> = { id: demoId(r), name, address: address(r), kind: plan.kind };
    const buildings = layouts(r, plan.residentialUnits, plan.buildings).map((layout, i) =>
      residentialBuilding(r, row.id, i + 1, layout)
    );
    buildings.push(...commercialBuildings(r, row.id, plan.buildings + 1, plan));
    return { row, age: plan.age, buildings };
  });
}
