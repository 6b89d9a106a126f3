import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyRemoteChunks, chunksSince } from '$lib/db/apply-remote';
import type { GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { testDatabase } from '$lib/db/test-db';
import type { Actor } from '$lib/db/write';
import { openCollabDoc, type CollabDoc } from './collab-doc';
import { frameUpdate } from './frame';
import { logOf, logText, pendingOf } from './shift-doc';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const open: CollabDoc[] = [];

async function openOn(db: GuanjiaDexie, id: string) {
  const handle = await openCollabDoc({ table: 'shift', id }, { db, actor: () => desk });
  open.push(handle);
  return handle;
}

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie) {
  await applyRemoteChunks(await chunksSince((await syncState(to)).vv, { db: from }), { db: to });
}

function type(doc: Y.Doc, text: string) {
  const log = logOf(doc);
  let p = log.get(0) as Y.XmlElement | undefined;
  if (!p) {
    p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText()]);
    log.insert(0, [p]);
  }
  const t = p.get(0) as Y.XmlText;
  for (const ch of text) t.insert(t.length, ch);
}

const settle = () => new Promise((r) => setTimeout(r, 80));

afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

describe('a shift document between two devices', () => {
  it('sends one op log chunk per burst of typing, not one per keystroke', async () => {
    const a = testDatabase();
    const doc = await openOn(a, 'shift-2026-11-23-early');
    type(doc.doc, '今日来访 12 人');
    await settle();
    await doc.flush();
    const chunks = await a.oplog.toArray();
    expect(chunks).toHaveLength(1);
    expect(chunks[0].ops).toHaveLength(1);
  });

  it('merges edits made on both devices and removes them from the inbox once stored', async () => {
    const a = testDatabase();
    const b = testDatabase();
    const onA = await openOn(a, 'shift-2026-11-23-middle');
    const onB = await openOn(b, 'shift-2026-11-23-middle');
    type(onA.doc, 'A');
    pendingOf(onB.doc).set('p1', { text: '回访 5-302', done: false, by: 'F2', at: 1 });
    await onA.flush();
    await onB.flush();
    await exchange(a, b);
    await exchange(b, a);
    await onA.takeInbox();
    await onB.takeInbox();
    expect(logText(logOf(onB.doc))).toBe('A');
    expect(pendingOf(onA.doc).get('p1')?.text).toBe('回访 5-302');
    expect(await a.docInbox.count()).toBe(0);
    expect(await b.docInbox.count()).toBe(0);
    // What arrived is not sent back: each device's op log holds one chunk of its own.
    const own = async (db: GuanjiaDexie) => {
      const device = (await syncState(db)).device;
      return (await db.oplog.toArray()).filter((c) => c.device === device).length;
    };
    expect(await own(a)).toBe(1);
    expect(await own(b)).toBe(1);
  });

  it('keeps what was received after a reload, and refuses a damaged update', async () => {
    const a = testDatabase();
    const id = 'shift-2026-11-23-night';
    const first = await openOn(a, id);
    const other = new Y.Doc();
    type(other, '夜班：消防巡查正常');
    await a.docInbox.bulkAdd([
      { doc: `shift/${id}`, update: frameUpdate(Y.encodeStateAsUpdate(other)) },
      { doc: `shift/${id}`, update: new Uint8Array([1, 2, 3, 4, 5, 6, 7]) }
    ]);
    await first.takeInbox();
    expect(first.rejected).toBe(1);
    expect(await a.docInbox.count()).toBe(0);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const again = await openOn(a, id);
    expect(logText(logOf(again.doc))).toBe('夜班：消防巡查正常');
  });
});
