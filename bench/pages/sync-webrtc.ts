// Bench page: one tablet of a two-tablet office syncing over a real WebRTC data channel
// (src/lib/sync/webrtc). Two browser contexts load it; the group passes the (sealed) signalling
// between them, standing in for the relay, and times an edit on A until B's live query sees it.
import { liveQuery } from 'dexie';
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { write, type Actor } from '$lib/db/write';
import type { SignalListener, SyncApi } from '$lib/sync/api';
import { fromBase64Url, toBase64Url } from '$lib/sync/crypto';
import { SyncEngine } from '$lib/sync/engine';
import {
  createOfficeKeys,
  deviceIdentity,
  saveOfficeKeys,
  type OfficeKeys
} from '$lib/sync/office-keys';
import { runPeerSession } from '$lib/sync/peer-session';
import { startDirectSync, type DirectSync } from '$lib/sync/webrtc/direct-sync';

const actor: Actor = { staffId: 'bench', role: 'manager' };
const personId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

interface Founding {
  office: string;
  officePublic: string;
  officeSecret: string;
  epochs: { epoch: number; raw: string }[];
}

let db: GuanjiaDexie;
let engine: SyncEngine;
let direct: DirectSync | undefined;
let onSignal: SignalListener = () => {};
const arrivals = new Map<string, number>();

const now = (): number => performance.timeOrigin + performance.now();

async function open(name: string): Promise<string> {
  await openDatabase(name).delete();
  db = openDatabase(name);
  await db.open();
  return (await syncState(db)).device;
}

async function begin(keys: OfficeKeys, peer: string): Promise<void> {
  await saveOfficeKeys(db, keys);
  engine = new SyncEngine(db, keys);
  const api: SyncApi = {
    device: keys.device,
    office: keys.office,
    connect: (transport) => runPeerSession(engine, transport),
    signal: (to, data) => window.benchSignal(to, JSON.parse(JSON.stringify(data))),
    onSignal(listener) {
      onSignal = listener;
      return () => (onSignal = () => {});
    },
    otherDevices: async () => [peer]
  };
  direct = startDirectSync(api, { keys: () => engine.keys, iceServers: [] });
  liveQuery(() => db.person.get(personId)).subscribe((row) => {
    const notes = row?.notes;
    if (typeof notes === 'string' && !arrivals.has(notes)) arrivals.set(notes, now());
  });
}

window.syncWebrtcBench = {
  /** A fresh database; returns this device's id. */
  open,
  /** This tablet founds the office: returns what the other tablet needs to join it. */
  async found(peer: string): Promise<Founding> {
    const keys = createOfficeKeys((await syncState(db)).device);
    await begin(keys, peer);
    return {
      office: keys.office,
      officePublic: toBase64Url(keys.officePublic),
      officeSecret: toBase64Url(keys.officeSecret as Uint8Array),
      epochs: keys.epochs.map((k) => ({ epoch: k.epoch, raw: toBase64Url(k.raw) }))
    };
  },
  /** As if paired: the office's keys and a certificate of its own. */
  async join(founding: Founding, peer: string): Promise<void> {
    const officeSecret = fromBase64Url(founding.officeSecret);
    const keys: OfficeKeys = {
      office: founding.office,
      officePublic: fromBase64Url(founding.officePublic),
      officeSecret,
      epochs: founding.epochs.map((k) => ({ epoch: k.epoch, raw: fromBase64Url(k.raw) })),
      epochFrom: { 1: 1 },
      ...deviceIdentity(officeSecret, founding.office, (await syncState(db)).device)
    };
    await begin(keys, peer);
  },
  signal(from: string, data: unknown): void {
    onSignal(from, data);
  },
  connected: () => direct?.connected().length ?? 0,
  async createPerson(): Promise<void> {
    await write(
      actor,
      [{ op: 'create', table: 'person', value: { id: personId, name: '基准', phones: [] } }],
      { db }
    );
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
    benchSignal(to: string, data: unknown): Promise<boolean>;
    syncWebrtcBench: {
      open(name: string): Promise<string>;
      found(peer: string): Promise<Founding>;
      join(founding: Founding, peer: string): Promise<void>;
      signal(from: string, data: unknown): void;
      connected(): number;
      createPerson(): Promise<void>;
      edit(notes: string): Promise<number>;
      arrival(notes: string): number | null;
    };
  }
}
