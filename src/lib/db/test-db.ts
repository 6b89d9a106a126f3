import { write } from './write';
import { openDatabase, type GuanjiaDexie } from './database';

let n = 0;
/** A fresh, empty database for one unit test (fake-indexeddb in Node). */
export function testDatabase(): GuanjiaDexie {
  return openDatabase(`guanjia-test-${Date.now()}-${n++}`);
}

/** A saved record that names `photos` (a house health entry), as a form's save writes it. */
export async function saveEntryNaming(photos: string[], db: GuanjiaDexie): Promise<void> {
  await write(
    { staffId: 'F1', role: 'frontDesk' },
    [
      {
        op: 'create',
        table: 'houseHealthEntry',
        value: {
          unitId: 'U1',
          category: 'structure',
          date: '2026-01-05',
          description: '墙面裂缝修补',
          doneBy: '李师傅',
          photos
        }
      }
    ],
    { db }
  );
}
