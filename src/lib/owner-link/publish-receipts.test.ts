import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { readFragment } from '$lib/owner-link/decode';
import { ownerLinkKeys } from '$lib/owner-link/local-key';
import { CHAT_LINK_TAG } from '$lib/owner-link/receipt-format';
import { readReceiptCounts } from '$lib/owner-link/receipts-client';
import { testOfficeSetUp } from '$lib/setup/test-office';
import { getNotice } from '$lib/db/queries/notices';
import { write } from '$lib/db/write';
import { saveNoticeDraft } from '$lib/db/actions/notices';
import { setShortLinkRelay } from '$lib/db/actions/notices-office';
import { publishNotice } from './publish';

let relay: RunningRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

async function officeWithBuildings() {
  const { db, manager, community } = await testOfficeSetUp();
  const buildings = await write(
    manager,
    ['3', '5', '7'].map((code) => ({
      op: 'create' as const,
      table: 'building' as const,
      value: { communityId: community.id, code, floors: 6 }
    })),
    { db }
  );
  const draft = (receipts: boolean) =>
    saveNoticeDraft(
      manager,
      {
        kind: 'general',
        communityId: community.id,
        title: '停水通知',
        body: '3栋、5栋周三停水。',
        scope: 'buildings',
        buildingIds: [buildings[0], buildings[1]],
        unitIds: [],
        receipts
      },
      undefined,
      db
    );
  return { db, manager, buildings, draft };
}

const options = {
  ownerPageUrl: 'https://desk.example.cn/n/',
  audience: '3栋、5栋业主',
  communityName: '锦绣花园'
};

describe('read receipts at publication', () => {
  it('opens one tag per target building and one for the chat link; the signed notice names the relay', async () => {
    relay = await startRelay({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'guanjia-relay-')),
      log: () => undefined
    });
    const { db, manager, buildings, draft } = await officeWithBuildings();
    await setShortLinkRelay(relay.httpUrl, db);
    const id = await draft(true);
    const done = await publishNotice(manager, id, options, db);
    expect(done.receiptsError).toBeUndefined();

    const notice = await getNotice(id, db);
    expect(notice?.receiptRelay).toBe(relay.httpUrl);
    const tags = notice?.receiptTags ?? {};
    expect(Object.keys(tags).sort()).toEqual([CHAT_LINK_TAG, buildings[0], buildings[1]].sort());
    expect(new Set(Object.values(tags)).size).toBe(3);
    const read = await readFragment(done.link.split('#')[1]);
    expect(read.status === 'verified' && read.notice.receipts).toBe(relay.httpUrl);
    // The relay counts them (nothing yet) for this office's devices.
    const keys = await ownerLinkKeys(db);
    expect(await readReceiptCounts(relay.httpUrl, keys, Object.values(tags))).toEqual(
      Object.fromEntries(Object.values(tags).map((tag) => [tag, 0]))
    );
  });

  it('stays off unless asked for; asked for without a relay, the notice goes out without it', async () => {
    const { db, manager, draft } = await officeWithBuildings();
    const off = await publishNotice(manager, await draft(false), options, db);
    const offRead = await readFragment(off.link.split('#')[1]);
    expect(offRead.status === 'verified' && offRead.notice.receipts).toBeUndefined();

    const asked = await draft(true);
    const done = await publishNotice(manager, asked, options, db);
    expect(done.receiptsError).toEqual({ reason: 'noRelay' });
    expect((await getNotice(asked, db))?.receiptTags).toBeUndefined();
    const read = await readFragment(done.link.split('#')[1]);
    expect(read.status === 'verified' && read.notice.receipts).toBeUndefined();
  });
});
