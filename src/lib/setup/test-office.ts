import type { Community } from '$lib/domain/records/community';
import type { Actor } from '$lib/db/write';
import type { GuanjiaDexie } from '$lib/db/database';
import { listCommunities } from '$lib/db/queries/office';
import { testDatabase } from '$lib/db/test-db';
import { setupOffice } from './office-setup';

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
