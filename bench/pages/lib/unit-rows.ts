// Realistic rows for the write benchmarks: units (单元/房号) of a community, 8 fields each, in the
// `unit` table whose two secondary indexes (buildingId, communityId) every write pays for.
import { newId } from '$lib/db/ids';

export interface UnitFields {
  communityId: string;
  buildingId: string;
  entrance: string;
  room: string;
  floor: number;
  type: 'residential' | 'shop' | 'office' | 'parking';
  areaM2: number;
  status: 'vacant' | 'occupied' | 'renovating';
}

/** n units spread over 4 communities × 20 buildings, 2 entrances, 30 floors. */
export function unitFields(n: number): UnitFields[] {
  const communities = Array.from({ length: 4 }, () => newId());
  const buildings = Array.from({ length: 80 }, () => newId());
  const rows: UnitFields[] = [];
  for (let i = 0; i < n; i++) {
    const building = i % 80;
    const floor = 1 + (Math.floor(i / 160) % 30);
    rows.push({
      communityId: communities[building % 4],
      buildingId: buildings[building],
      entrance: String(1 + (Math.floor(i / 80) % 2)),
      room: `${floor}${String(1 + (i % 4)).padStart(2, '0')}`,
      floor,
      type: i % 50 === 0 ? 'shop' : 'residential',
      areaM2: 60 + (i % 90) + 0.5,
      status: i % 7 === 0 ? 'vacant' : 'occupied'
    });
  }
  return rows;
}
