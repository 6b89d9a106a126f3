// Bench page: one tablet of a two-tablet office syncing over a real WebRTC data channel
// (src/lib/sync/webrtc; the tablet itself is bench/pages/lib/bench-tablet.ts). Two browser
// contexts load it; the group passes the (sealed) signalling between them, standing in for the
// relay, and times an edit on A until B's live query sees it.
import { liveQuery } from 'dexie';
import { write, type Actor } from '$lib/db/write';
import { db, now } from './lib/bench-tablet';

const actor: Actor = { staffId: 'bench', role: 'manager' };
const personId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const arrivals = new Map<string, number>();

window.syncWebrtcBench = {
  async createPerson(): Promise<void> {
    await write(
      actor,
      [{ op: 'create', table: 'person', value: { id: personId, name: '基准', phones: [] } }],
      { db }
    );
  },
  /** Starts watching the person on this tablet (call once its database is open). */
  watch(): void {
    liveQuery(() => db.person.get(personId)).subscribe((row) => {
      const notes = row?.notes;
      if (typeof notes === 'string' && !arrivals.has(notes)) arrivals.set(notes, now());
    });
  },
  /** Writes `notes`; returns the time just before the write started. */
  async edit(notes: string): Promise<number> {
    const start = now();
    await write(actor, [{ op: 'update', table: 'person', id: personId, patch: { notes } }], {
      db
    });
    return start;
  },
  /** When this tablet's live query first saw `notes`, or null. */
  arrival: (notes: string) => arrivals.get(notes) ?? null
};

declare global {
  interface Window {
    syncWebrtcBench: {
      createPerson(): Promise<void>;
      watch(): void;
      edit(notes: string): Promise<number>;
      arrival(notes: string): number | null;
    };
  }
}
