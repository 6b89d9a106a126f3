// Bench page: a year of front-desk shifts (1,100 shift records with their handover events, and
// 1,100 shift documents as y-indexeddb stores them), then: the year's list, opening documents,
// storage per year with and without compaction, and a keystroke through the op log between two
// databases of one page (no network).
import * as Y from 'yjs';
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { applyRemoteChunks, chunksSince } from '$lib/db/apply-remote';
import { syncState } from '$lib/db/sync-state';
import { write, type Actor, type Change } from '$lib/db/write';
import { listShifts } from '$lib/db/queries/handover';
import { openCollabDoc } from '$lib/collab/collab-doc';
import { docDatabaseName } from '$lib/collab/persistence';
import { logOf, pendingOf, equipmentOf } from '$lib/collab/shift-doc';
import { shiftId, shiftSlots } from '$lib/domain/records/shift';
import { addDays } from '$lib/domain/handover/shift-times';

const actor: Actor = { staffId: 'bench', role: 'manager' };
const DB = 'guanjia-bench-handover';
const lines = [
  '3号楼电梯困人，已通知工程部，10分钟到场处理完毕。',
  '5-302 业主来电反映厨房漏水，已派维修单，预约明早 9 点。',
  '快递柜旁发现遗失钥匙一串，已登记存放前台。',
  '访客 12 人次，均已登记；外来施工人员 3 名已办临时出入证。',
  '消防通道堆放杂物，已通知秩序部清理。',
  '备用金 500 元清点无误，对讲机 4 部电量正常。'
];

let db: GuanjiaDexie;
let ids: string[] = [];

/** One shift's document typed keystroke by keystroke: every update y-indexeddb would store. */
function typeShift(seed: number): { updates: Uint8Array[]; bursts: number; state: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const log = logOf(doc);
  let bursts = 0;
  for (let l = 0; l < 5; l++) {
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    p.insert(0, [text]);
    log.push([p]);
    const line = lines[(seed + l) % lines.length];
    for (let i = 0; i < line.length; i++) {
      text.insert(i, line[i]);
      if (i % 8 === 0) bursts++; // a pause every ~8 keystrokes: one op log chunk each
    }
  }
  pendingOf(doc).set(`p${seed}`, { text: '回访 5-302 漏水', done: false, by: 'bench', at: seed });
  for (const item of ['钥匙', '对讲机', '门禁卡', '备用金', '表单', '登记本'])
    equipmentOf(doc).set(item, { ok: true, note: '', by: 'bench', at: seed });
  return { updates, bursts: bursts + 7, state: Y.encodeStateAsUpdate(doc) };
}

function rawPut(name: string, rows: Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('updates', { autoIncrement: true });
      open.result.createObjectStore('custom');
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('updates', 'readwrite');
      for (const row of rows) tx.objectStore('updates').add(row);
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

export interface YearFigures {
  shifts: number;
  yearBytes: number;
  yearBytesCompacted: number;
  oplogYearBytes: number;
  rowsPerDoc: number;
}

/** 1,100 shifts of 2026 (three a day), each closed and reviewed, each with its document stored compacted. */
async function seedYear(n = 1100): Promise<YearFigures> {
  await openDatabase(DB).delete();
  db = openDatabase(DB);
  await db.open();
  ids = [];
  let yearBytes = 0;
  let yearBytesCompacted = 0;
  let oplogYearBytes = 0;
  let rows = 0;
  const changes: Change[] = [];
  for (let i = 0; i < n; i++) {
    const date = addDays('2026-01-01', Math.floor(i / 3));
    const slot = shiftSlots[i % 3];
    const id = shiftId(date, slot);
    ids.push(id);
    changes.push({
      op: 'create',
      table: 'shift',
      value: { id, date, slot, staffIds: ['s1', 's2'], status: 'closed', reviewedAt: 1 }
    });
    for (const type of ['ready', 'accept', 'review'] as const)
      changes.push({
        op: 'create',
        table: 'handoverEvent',
        value: { shiftId: id, type, at: i * 10 + 1, staffId: 's1' }
      });
    const typed = typeShift(i);
    yearBytes += typed.updates.reduce((s, u) => s + u.byteLength, 0);
    rows += typed.updates.length;
    yearBytesCompacted += typed.state.byteLength;
    // The op log carries one merged update per burst: about the compacted size plus a frame per burst.
    oplogYearBytes += typed.state.byteLength + typed.bursts * 24;
    await rawPut(docDatabaseName(DB, `shift/${id}`), [typed.state]);
  }
  for (let i = 0; i < changes.length; i += 2000)
    await write(actor, changes.slice(i, i + 2000), { db });
  return { shifts: n, yearBytes, yearBytesCompacted, oplogYearBytes, rowsPerDoc: rows / n };
}

async function listYear(): Promise<number> {
  const start = performance.now();
  const shifts = await listShifts('2026-01-01', '2026-12-31', db);
  const ms = performance.now() - start;
  if (shifts.length < 1000) throw new Error(`listed ${shifts.length}`);
  return ms;
}

/** Open a random shift's document (local store loaded, inbox taken) and read its log. */
async function openDoc(): Promise<number> {
  const id = ids[Math.floor(Math.random() * ids.length)];
  const start = performance.now();
  const handle = await openCollabDoc({ table: 'shift', id }, { db, actor: () => actor });
  const text = logOf(handle.doc).length;
  const ms = performance.now() - start;
  await handle.close();
  if (!text) throw new Error('empty document');
  return ms;
}

/**
 * A keystroke on A until B's document has it, through the op log: A's outbox (burst wait),
 * `chunksSince` → `applyRemoteChunks` on B (what a sync session does on receipt), B's inbox
 * intake. No network: the relay or data channel adds its own time on top.
 */
async function keystrokes(n: number): Promise<number[]> {
  const open = async (name: string) => {
    await openDatabase(name).delete();
    const d = openDatabase(name);
    await d.open();
    return d;
  };
  const a = await open(`${DB}-a`);
  const b = await open(`${DB}-b`);
  const onA = await openCollabDoc({ table: 'shift', id: 'k' }, { db: a, actor: () => actor });
  const onB = await openCollabDoc({ table: 'shift', id: 'k' }, { db: b, actor: () => actor });
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  logOf(onA.doc).push([p]);
  let pumping = true;
  // The session: as soon as A's op log grows, B receives it.
  const pump = (async () => {
    while (pumping) {
      const chunks = await chunksSince((await syncState(b)).vv, { db: a });
      if (chunks.length) await applyRemoteChunks(chunks, { db: b });
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const seen = () => logOf(onB.doc).toString();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const ch = String.fromCharCode(0x4e00 + i);
    const start = performance.now();
    text.insert(text.length, ch);
    while (!seen().includes(ch)) await new Promise((r) => setTimeout(r, 1));
    ms.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 40));
  }
  pumping = false;
  await pump;
  await onA.close();
  await onB.close();
  return ms;
}

/** Rows a document stores after `opens` opens with typing between them, with our compaction. */
async function growth(opens: number): Promise<number> {
  const d = openDatabase(`${DB}-growth`);
  let rows = 0;
  for (let i = 0; i < opens; i++) {
    const h = await openCollabDoc({ table: 'shift', id: 'g' }, { db: d, actor: () => actor });
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('x')]);
    logOf(h.doc).push([p]);
    await h.flush();
    rows = await h.store.rows();
    await h.close();
  }
  return rows;
}

window.handoverBench = { seedYear, listYear, openDoc, keystrokes, growth };

declare global {
  interface Window {
    handoverBench: {
      seedYear(n?: number): Promise<YearFigures>;
      listYear(): Promise<number>;
      openDoc(): Promise<number>;
      keystrokes(n: number): Promise<number[]>;
      growth(opens: number): Promise<number>;
    };
  }
}
