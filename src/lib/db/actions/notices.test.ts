import { describe, expect, it } from 'vitest';
import { zonedToEpoch } from '$lib/domain/notices';
import { readFragment } from '$lib/owner-link/decode';
import { testOfficeSetUp } from '$lib/setup/test-office';
import { listDeskNotices, noticeReach } from '../queries/notices';
import { getSettings } from '../queries/office';
import { write, type Actor } from '../write';
import { addStaff } from './staff';
import { markTold, saveNoticeDraft, type NoticeDraft } from './notices';
import { NoticePublishError, publishNotice } from '$lib/owner-link/publish';

const at = (local: string) => zonedToEpoch(local, 'Asia/Shanghai') ?? 0;

const publishOptions = {
  ownerPageUrl: 'https://desk.example.cn/n/',
  audience: '全体业主',
  communityName: '锦绣花园'
};

describe('publishing a notice', () => {
  it('refuses a rule breach, then takes the manager’s reason and keeps it with the original', async () => {
    const { db, manager, community } = await testOfficeSetUp();
    const id = await saveNoticeDraft(
      manager,
      {
        kind: 'pestControl',
        communityId: community.id,
        title: '消杀通知',
        body: '周一上午10:00消杀，请关好门窗。',
        startsAt: at('2026-11-23T10:00'),
        scope: 'community',
        buildingIds: [],
        unitIds: []
      },
      undefined,
      db
    );
    // Monday 01:00 for Monday 10:00: 9 clock hours, under the 12 of 001 §4.2.
    const sunday = at('2026-11-23T01:00');
    const refused = await publishNotice(manager, id, { ...publishOptions, now: sunday }, db).catch(
      (e: unknown) => e
    );
    expect(refused).toBeInstanceOf(NoticePublishError);
    expect((refused as NoticePublishError).breaches.map((b) => b.rule)).toEqual([
      'pestControlOwnerLead'
    ]);
    await expect(
      publishNotice(manager, id, { ...publishOptions, now: sunday, overrideReason: ' ' }, db)
    ).rejects.toMatchObject({ problem: 'reasonRequired' });

    const desk = await listDeskNotices(await getSettings(db), sunday, db);
    expect(desk[0].state).toBe('overdue');

    const done = await publishNotice(
      manager,
      id,
      { ...publishOptions, now: sunday, overrideReason: '药剂到货延误' },
      db
    );
    expect(done.short).toBe(false);
    const read = await readFragment(done.link.split('#')[1]);
    expect(read.status === 'verified' && read.notice.title).toBe('消杀通知');
    const row = await db.notice.get(id);
    expect(row).toMatchObject({
      publishedAt: sunday,
      overriddenRules: ['pestControlOwnerLead'],
      overrideReason: '药剂到货延误'
    });
    await expect(
      saveNoticeDraft(manager, { ...(row as unknown as NoticeDraft), title: '改' }, id, db)
    ).rejects.toThrow();
  });

  it('front desk may draft but not publish; nobody overrides but the manager', async () => {
    const { db, manager, community } = await testOfficeSetUp();
    await addStaff(
      manager,
      { name: '李前台', role: 'frontDesk', phone: '', pin: '1111', pinConfirm: '1111' },
      db
    );
    const desk: Actor = { staffId: (await db.staff.toArray())[1].id as string, role: 'frontDesk' };
    const id = await saveNoticeDraft(
      desk,
      {
        kind: 'general',
        communityId: community.id,
        title: '通知',
        body: '内容 {start}',
        scope: 'community',
        buildingIds: [],
        unitIds: []
      },
      undefined,
      db
    );
    await expect(publishNotice(desk, id, publishOptions, db)).rejects.toMatchObject({
      problem: 'forbidden'
    });
    await expect(publishNotice(manager, id, publishOptions, db)).rejects.toMatchObject({
      problem: 'placeholders',
      placeholders: ['start']
    });
  });
});

describe('households not told', () => {
  it('lists occupied target units not yet told, special care first', async () => {
    const { db, manager, community } = await testOfficeSetUp();
    const [buildingId] = await write(
      manager,
      [
        {
          op: 'create',
          table: 'building',
          value: { communityId: community.id, code: '3', floors: 6 }
        }
      ],
      { db }
    );
    const unitIds = await write(
      manager,
      ['101', '102', '103'].map((room) => ({
        op: 'create' as const,
        table: 'unit' as const,
        value: { communityId: community.id, buildingId, room, floor: 1, areaM2: 90 }
      })),
      { db }
    );
    const people = await write(
      manager,
      [
        { op: 'create', table: 'person', value: { name: '张三' } },
        { op: 'create', table: 'person', value: { name: '李奶奶', specialCare: ['elderlyAlone'] } },
        { op: 'create', table: 'person', value: { name: '王五' } }
      ],
      { db }
    );
    await write(
      manager,
      people.map((personId, i) => ({
        op: 'create' as const,
        table: 'occupancy' as const,
        value: { unitId: unitIds[i], personId, role: 'owner' as const, from: '2020-01-01' }
      })),
      { db }
    );
    const id = await saveNoticeDraft(
      manager,
      {
        kind: 'general',
        communityId: community.id,
        title: '通知',
        body: '内容',
        scope: 'buildings',
        buildingIds: [buildingId],
        unitIds: []
      },
      undefined,
      db
    );
    const notice = (await db.notice.get(id)) as never;
    const now = at('2026-11-23T10:00');
    let reach = await noticeReach(notice, 'Asia/Shanghai', now, db);
    expect(reach.notTold.map((h) => [h.code, h.specialCare])).toEqual([
      ['3-102', true],
      ['3-101', false],
      ['3-103', false]
    ]);
    await markTold(manager, id, [unitIds[1]], 'phone', now, db);
    reach = await noticeReach(notice, 'Asia/Shanghai', now, db);
    expect(reach.notTold.map((h) => h.code)).toEqual(['3-101', '3-103']);
    expect(reach.told).toHaveLength(1);
  });
});
