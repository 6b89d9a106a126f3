import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tableNames } from '$lib/domain/tables';
import { putBlob } from '../blobs';
import type { GuanjiaDexie } from '../database';
import { testDatabase } from '../test-db';
import { write, writeDocUpdates, type Actor } from '../write';
import { recordIntake, recordStep } from '../actions/tickets';
import { addResident } from '../actions/households';
import { BackupError, exportBackup, restoreBackup } from './backup';

const manager: Actor = { staffId: 'M1', role: 'manager' };
const desk: Actor = { staffId: 'F1', role: 'frontDesk' };

async function counts(db: GuanjiaDexie) {
  const out: Record<string, number> = { blobs: await db.blobs.count() };
  for (const t of tableNames) out[t] = await db[t].count();
  return out;
}

describe('the office backup (issue 20 fault 8)', () => {
  it('restores into an empty device: the same records, history, handover text and photos', async () => {
    const a = testDatabase();
    const [unitId] = await write(
      manager,
      [
        {
          op: 'create',
          table: 'unit',
          value: { communityId: 'c1', buildingId: 'b1', room: '1201', floor: 12, areaM2: 89 }
        }
      ],
      { db: a }
    );
    const { personId } = await addResident(
      manager,
      unitId,
      { name: '张三', phones: ['13812345678'] },
      { role: 'owner', from: '2026-01-01' },
      a
    );
    const photo = await putBlob(new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]), 'image/jpeg', a);
    const id = await recordIntake(
      desk,
      {
        kind: 'repair',
        channel: 'phone',
        communityId: 'c1',
        unitId,
        personId,
        content: '厨房漏水',
        photos: [photo]
      },
      { db: a }
    );
    await recordStep(desk, id, 'cancelled', { reason: '重复登记' }, { db: a });
    await writeDocUpdates(desk, { table: 'shift', id: 's1' }, [new Uint8Array([1, 2, 3])], {
      db: a
    });

    const zip = await exportBackup(a);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['manifest.json', 'oplog.json', 'records.xlsx', 'records/person.json'])
    );
    expect(files[`photos/${photo}.jpg`]).toBeDefined();
    expect(JSON.parse(strFromU8(files['records/person.json']))[0]).toMatchObject({ name: '张三' });

    const b = testDatabase();
    await restoreBackup(zip, b);
    expect(await counts(b)).toEqual(await counts(a));
    expect((await b.ticket.get(id))?.content).toBe('厨房漏水');
    expect((await b.blobs.get(photo))?.type).toBe('image/jpeg');
    const yjs = (await b.oplog.toArray()).flatMap((c) => c.ops).filter((op) => op.k === 'yjs');
    expect(yjs).toHaveLength(1);

    // Never into a device that holds an office: it would mix two offices.
    await expect(restoreBackup(zip, b)).rejects.toBeInstanceOf(BackupError);
    await expect(restoreBackup(new Uint8Array([1, 2, 3]), testDatabase())).rejects.toMatchObject({
      problem: 'notBackup'
    });
  }, 180_000);
});
