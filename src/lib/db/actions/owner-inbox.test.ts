import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import type { Actor } from '../write';
import { WriteError } from '../write-error';
import { ticketDetail } from '../queries/tickets';
import { dueSuggestionBoxes, listSubmissions } from '../queries/owner-inbox';
import { suggestionBoxProvider, todayItems, type TodayLinks } from '../queries/today';
import {
  acceptSubmission,
  applyRating,
  createOwnerLink,
  applyWaitingRatings,
  markBoxRead,
  markSubmission,
  storeSubmissions
} from './owner-inbox';

// Issue 16 §2–§4 at the desk: submissions stored once, made into requests with channel
// 业主链接, spam kept, the owner's rating on the request, the suggestion box's schedule.

const desk: Actor = { staffId: 'desk1', role: 'frontDesk' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const DAY = 24 * 3600 * 1000;

const TAG = 'AAAAAAAAAAAAAAAAAAAAAA';

function request(id: string, linkId: string) {
  return {
    id,
    type: 'request',
    linkId,
    tag: TAG,
    receivedAt: T0,
    sentAt: T0,
    kind: 'repair' as const,
    text: '三号楼大堂感应灯不亮',
    name: '欧阳秀梅',
    phone: '13912345678',
    place: '',
    photos: [],
    statusId: 'BBBBBBBBBBBBBBBBBBBBBB',
    statusKey: 'key'
  };
}

describe('owner submissions at the desk', () => {
  it('stores once, becomes a dispatched request with channel ownerLink, takes the rating', async () => {
    const db = testDatabase();
    const linkId = await createOwnerLink(
      desk,
      {
        kind: 'poster',
        communityId: 'c1',
        label: '锦绣花园 3号楼',
        kinds: ['repair'],
        askName: 'optional',
        askPhone: 'optional'
      },
      TAG,
      { db }
    );
    expect(await storeSubmissions(desk, [request('os1', linkId)], db)).toBe(1);
    // A second device fetching the same sealed bytes writes nothing more.
    expect(await storeSubmissions(desk, [request('os1', linkId)], db)).toBe(0);
    expect((await listSubmissions('new', db)).map((s) => s.id)).toEqual(['os1']);

    const ticketId = await acceptSubmission(
      desk,
      'os1',
      { kind: 'repair', dispatchTo: 'engineering' },
      { db, now: T0 + 1000 }
    );
    const detail = await ticketDetail(ticketId, db);
    expect(detail?.ticket.channel).toBe('ownerLink');
    expect(detail?.ticket.location).toBe('锦绣花园 3号楼');
    expect(detail?.ticket.callerPhone).toBe('13912345678');
    expect(detail?.summary.status).toBe('dispatched');
    const [accepted] = await listSubmissions('accepted', db);
    expect(accepted.ticketId).toBe(ticketId);
    // Taken once only.
    await expect(acceptSubmission(desk, 'os1', { kind: 'repair' }, { db })).rejects.toThrow(
      WriteError
    );

    await storeSubmissions(
      desk,
      [
        {
          id: 'os2',
          type: 'rating',
          tag: TAG,
          receivedAt: T0 + DAY,
          sentAt: T0 + DAY,
          statusId: 'BBBBBBBBBBBBBBBBBBBBBB',
          score: 4,
          text: '师傅很快'
        }
      ],
      db
    );
    expect(await applyRating(desk, 'os2', { db, now: T0 + DAY })).toBe(true);
    const rated = await ticketDetail(ticketId, db);
    expect(rated?.summary.rating).toBe(4);
    expect(rated?.events.find((e) => e.type === 'rated')?.data).toEqual({
      stars: 4,
      comment: '师傅很快'
    });
  });

  it('spam is kept, marked; a suggestion box reminds once its reading is due', async () => {
    const db = testDatabase();
    const box = await createOwnerLink(
      desk,
      {
        kind: 'box',
        communityId: 'c1',
        label: '锦绣花园 意见箱',
        kinds: ['suggestion'],
        askName: 'off',
        askPhone: 'off',
        readEveryDays: 7
      },
      TAG,
      { db, now: T0 }
    );
    await storeSubmissions(desk, [request('os3', box), request('os4', box)], db);
    await markSubmission(desk, 'os4', 'spam', { db });
    expect((await listSubmissions('spam', db)).map((s) => s.id)).toEqual(['os4']);
    expect(await dueSuggestionBoxes(T0 + 6 * DAY, db)).toEqual([]);
    const due = await dueSuggestionBoxes(T0 + 8 * DAY, db);
    expect(due.map((d) => [d.link.id, d.unread])).toEqual([[box, 1]]);
    // The same reminder on 工作台 (Today), for the desk.
    const links = { inbox: () => '/inbox' } as unknown as TodayLinks;
    const today = await todayItems(T0 + 7.5 * DAY, links, db, [suggestionBoxProvider]);
    expect(today.items.map((i) => [i.key, i.labelKey, i.params?.count, i.href, i.state])).toEqual([
      [`suggestionBox:${box}`, 'inbox.today.boxDue', 1, '/inbox', 'today']
    ]);
    await markBoxRead(desk, box, { db, now: T0 + 8 * DAY });
    expect(await dueSuggestionBoxes(T0 + 9 * DAY, db)).toEqual([]);
  });

  it('a rating that came before its request is known here lands once the request is', async () => {
    const db = testDatabase();
    const linkId = await createOwnerLink(
      desk,
      {
        kind: 'poster',
        communityId: 'c1',
        label: '锦绣花园 3号楼',
        kinds: ['repair'],
        askName: 'optional',
        askPhone: 'optional'
      },
      TAG,
      { db }
    );
    const rating = {
      id: 'os9',
      type: 'rating',
      tag: TAG,
      receivedAt: T0 + DAY,
      sentAt: T0 + DAY,
      statusId: 'BBBBBBBBBBBBBBBBBBBBBB',
      score: 5,
      text: ''
    };
    await storeSubmissions(desk, [request('os8', linkId), rating], db);
    // Its request is still in the queue here: the rating waits.
    expect(await applyWaitingRatings(desk, { db })).toBe(0);
    const ticketId = await acceptSubmission(desk, 'os8', { kind: 'repair' }, { db });
    expect(await applyWaitingRatings(desk, { db })).toBe(1);
    expect(await applyWaitingRatings(desk, { db })).toBe(0);
    const rated = await ticketDetail(ticketId, db);
    expect(rated?.summary.rating).toBe(5);
    expect(rated?.events.filter((e) => e.type === 'rated')).toHaveLength(1);
  });

  it('an engineer cannot take submissions', async () => {
    const db = testDatabase();
    await expect(
      storeSubmissions({ staffId: 'e1', role: 'engineer' }, [request('os5', 'x')], db)
    ).rejects.toThrow(WriteError);
  });
});
