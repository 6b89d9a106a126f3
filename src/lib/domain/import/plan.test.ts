import { describe, expect, it } from 'vitest';
import type { Occupancy } from '../records/occupancy';
import type { Person } from '../records/person';
import type { Unit } from '../records/unit';
import { guessMapping, importFields } from './columns';
import { parseCsv, toCsv } from './csv';
import { exportRows } from './export-rows';
import { planImport, type ImportPlan, type ImportRegistry } from './plan';
import { readSheetFile, writeXlsx } from './spreadsheet';

const header = ['楼栋', '单元', '房号', '建筑面积', '姓名', '身份', '电话', '起始日期'];
const base: ImportRegistry = {
  communityId: 'c1',
  buildings: [
    { id: 'b1', code: '1' },
    { id: 'b2', code: '2' }
  ],
  units: [],
  people: [],
  occupancies: [],
  today: '2026-11-23'
};

/** 5,000 residents, each on a flat of their own, with 12 bad rows among them. */
function sheet(): { rows: string[][]; badLines: number[] } {
  const rows: string[][] = [];
  const badLines: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const floor = 1 + (Math.floor(i / 8) % 30);
    const room = `${floor}${String((i % 8) + 1).padStart(2, '0')}`;
    const entrance = String(1 + Math.floor(i / 240));
    const phone = `139${String(i).padStart(8, '0')}`;
    rows.push([
      String(1 + (i % 2)),
      entrance,
      room,
      '89.5',
      `住户${i}`,
      '业主',
      phone,
      '2020-05-01'
    ]);
  }
  const bad = (i: number, change: (row: string[]) => void) => {
    change(rows[i]);
    badLines.push(i + 2);
  };
  for (const i of [10, 500, 1500, 4999]) bad(i, (r) => (r[6] = r[6].slice(0, 10))); // 10-digit phone
  for (const i of [20, 900, 2500, 3300]) bad(i, (r) => (r[7] = '2020-13-45')); // no such date
  for (const i of [30, 1200, 2600, 4100]) bad(i, (r) => r.splice(0, 8, ...rows[i - 1])); // duplicate
  return { rows, badLines: badLines.sort((a, b) => a - b) };
}

/** The registry after a plan's creates are written (what the database would hold). */
function apply(registry: ImportRegistry, plan: ImportPlan): ImportRegistry {
  const next = {
    ...registry,
    units: [...registry.units],
    people: [...registry.people],
    occupancies: [...registry.occupancies]
  };
  const meta = { createdAt: 1, updatedAt: 1, deleted: false };
  for (const c of plan.changes) {
    if (c.op !== 'create') continue;
    if (c.table === 'building') next.buildings = [...next.buildings, c.value];
    if (c.table === 'unit')
      next.units.push({
        status: 'vacant',
        entrance: '',
        type: 'residential',
        ...c.value,
        ...meta
      } as Unit);
    if (c.table === 'person')
      next.people.push({
        kind: 'person',
        phones: [],
        tags: [],
        specialCare: [],
        ...c.value,
        ...meta
      } as Person);
    if (c.table === 'occupancy') next.occupancies.push({ ...c.value, ...meta } as Occupancy);
  }
  return next;
}

describe('planImport', () => {
  const { rows, badLines } = sheet();
  const mapping = guessMapping(header);

  it('maps the usual headers', () => {
    expect(mapping).toMatchObject({
      building: 0,
      entrance: 1,
      room: 2,
      areaM2: 3,
      name: 4,
      role: 5,
      phones: 6,
      from: 7
    });
  });

  it('reports exactly the bad rows with their reasons, and plans the 4,988 good ones', () => {
    const plan = planImport(rows, mapping, base);
    expect(plan.bad.map((b) => b.line)).toEqual(badLines);
    const reasons = new Set(plan.bad.flatMap((b) => b.problems.map((p) => p.reason)));
    expect(reasons).toEqual(
      new Set(['import.error.badPhone', 'validation.date', 'import.error.duplicate'])
    );
    expect(plan.good).toBe(4988);
    expect(plan.people.created).toBe(4988);
    expect(plan.occupancies.created).toBe(4988);
  });

  it('plans nothing when the same file comes again', () => {
    const first = planImport(rows, mapping, base);
    const again = planImport(rows, mapping, apply(base, first));
    expect(again.changes).toEqual([]);
    expect(again.people).toEqual({ created: 0, updated: 0, unchanged: 4988 });
  });

  it('gives the same ids on another tablet', () => {
    const a = planImport(rows.slice(0, 50), mapping, base).changes;
    const b = planImport(rows.slice(0, 50), mapping, base).changes;
    expect(a).toEqual(b);
  });

  it('round-trips an export through CSV and XLSX', async () => {
    const registry = apply(base, planImport(rows.slice(0, 40), mapping, base));
    const personOf = new Map(registry.people.map((p) => [p.id, p]));
    const lines = registry.occupancies.map((o) => {
      const unit = registry.units.find((u) => u.id === o.unitId)!;
      return {
        buildingCode: unit.buildingId === 'b1' ? '1' : '2',
        unit,
        person: personOf.get(o.personId),
        occupancy: o
      };
    });
    const headers = Object.fromEntries(importFields.map((f) => [f, `h-${f}`])) as Record<
      (typeof importFields)[number],
      string
    >;
    const sheetRows = exportRows(lines, headers, 'zh-Hans');
    for (const back of [
      parseCsv(toCsv(sheetRows)),
      await readSheetFile(await (await writeXlsx(sheetRows)).arrayBuffer(), 'xlsx')
    ]) {
      const m = guessMapping(back[0], headers);
      const plan = planImport(back.slice(1), m, registry);
      expect(plan.bad).toEqual([]);
      expect(plan.changes).toEqual([]);
      expect(plan.people.unchanged).toBe(registry.people.length);
    }
  });

  it('refuses a unit the registry lacks without its area', () => {
    const plan = planImport(
      [['1', '', '0101', '', '张三', '业主', '13812345678', '']],
      mapping,
      base
    );
    expect(plan.bad[0].problems).toEqual([
      { field: 'areaM2', reason: 'import.error.areaRequired' }
    ]);
  });
});

describe('planImport, the registry from the rows (issue 14)', () => {
  const mapping = guessMapping(header);

  it('creates a building the registry lacks, with its entrances and floors', () => {
    const plan = planImport(
      [
        ['9', '1', '101', '89', '张三', '业主', '13812345678', ''],
        ['9', '2', '1203', '89', '', '', '', '']
      ],
      mapping,
      base
    );
    expect(plan.bad).toEqual([]);
    expect(plan.buildings.created).toBe(1);
    const building = plan.changes.find((c) => c.table === 'building');
    expect(building).toMatchObject({
      op: 'create',
      value: { code: '9', entrances: 2, floors: 12 }
    });
  });

  it('refuses a phone without a name instead of dropping it', () => {
    const plan = planImport([['1', '', '101', '89', '', '', '13812345678', '']], mapping, base);
    expect(plan.bad[0].problems).toEqual([{ field: 'name', reason: 'import.error.noName' }]);
  });
});
