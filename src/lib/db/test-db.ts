import type { Community } from '$lib/domain/records/community';
import { setupOffice } from '$lib/setup/office-setup';
import { write, type Actor } from './write';
import { openDatabase, type GuanjiaDexie } from './database';
import { listCommunities } from './queries/office';

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

/**
 * A freshly set-up office (one community, its manager) in its own test database: the starting
 * point most action tests share.
 */
export async function testOfficeSetUp(): Promise<{
  db: GuanjiaDexie;
  manager: Actor;
  community: Community;
}> {
  const db = testDatabase();
  const manager = await setupOffice(
    {
      officeName: '锦绣物业服务中心',
      communityName: '锦绣花园',
      managerName: '王经理',
      pin: '2468',
      pinConfirm: '2468'
    },
    db
  );
  const [community] = await listCommunities(db);
  return { db, manager, community };
}
