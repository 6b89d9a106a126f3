import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { OFFICE_ID } from '$lib/domain/record-ids';
import { DB_NAME } from './database';
import {
  addMembership,
  leaveOffice,
  listMemberships,
  officeDatabase,
  officeDatabaseName,
  openRegistry,
  renameMembership
} from './offices';
import { write } from './write';

const company = (staffId: string) => ({ staffId, role: 'company' as const });

describe('the per-office registry of a company device', () => {
  it('one database per office, named from its id; listed oldest first; renamed; left', async () => {
    const registry = openRegistry(`guanjia-offices-unit-${Date.now()}`);
    expect(await listMemberships(registry)).toEqual([]);
    const b = await addMembership(
      { office: 'officeB', name: '', actor: company('S2'), joinedAt: 2_000 },
      registry
    );
    const a = await addMembership(
      { office: 'officeA', name: '', actor: company('S1'), joinedAt: 1_000 },
      registry
    );
    expect(a.dbName).toBe(officeDatabaseName('officeA'));
    expect(a.dbName).not.toBe(DB_NAME);
    expect(b.dbName).not.toBe(a.dbName);
    expect((await listMemberships(registry)).map((m) => m.office)).toEqual(['officeA', 'officeB']);

    // Each office's records live in its own database; the same connection is handed out again.
    const dbA = officeDatabase(a);
    expect(officeDatabase(a)).toBe(dbA);
    const dbB = officeDatabase(b);
    const manager = { staffId: 'M', role: 'manager' as const };
    await write(
      manager,
      [{ op: 'create', table: 'office', value: { id: OFFICE_ID, name: '甲' } }],
      {
        db: dbA
      }
    );
    await write(
      manager,
      [{ op: 'create', table: 'office', value: { id: OFFICE_ID, name: '乙' } }],
      {
        db: dbB
      }
    );
    expect((await dbA.office.get(OFFICE_ID))?.name).toBe('甲');
    expect((await dbB.office.get(OFFICE_ID))?.name).toBe('乙');

    await renameMembership('officeA', '甲', registry);
    expect((await listMemberships(registry))[0].name).toBe('甲');

    await leaveOffice('officeA', registry);
    expect((await listMemberships(registry)).map((m) => m.office)).toEqual(['officeB']);
    expect(await Dexie.exists(a.dbName)).toBe(false);
    expect((await dbB.office.get(OFFICE_ID))?.name).toBe('乙');
    // Joining again later starts from an empty database.
    const again = officeDatabase(a);
    expect(again).not.toBe(dbA);
    expect(await again.office.count()).toBe(0);
    await leaveOffice('officeB', registry);
    await leaveOffice('officeA', registry);
  });
});
