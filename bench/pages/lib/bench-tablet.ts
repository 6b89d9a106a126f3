// One tablet of a two-tablet office, for bench pages that time something from A to B (sync over
// WebRTC, the shift handover): its own IndexedDB, office keys and sync engine, connected to the
// other tablet either directly (a WebRTC data channel, signalling carried by the bench process
// through `window.benchSignal`) or through a real relay. The group side is bench/lib/two-tablets.ts;
// it drives these functions through `window.benchTablet`.
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
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
import { startRelayClient, type RelayClient } from '$lib/sync/relay-client';
import { startDirectSync, type DirectSync } from '$lib/sync/webrtc/direct-sync';

/** What the founding tablet hands the other one: the office's keys, as if paired. */
export interface Founding {
  office: string;
  officePublic: string;
  officeSecret: string;
  epochs: { epoch: number; raw: string }[];
}

/** How the two tablets reach each other: a data channel, or the relay at `url`. */
export type Road = { kind: 'direct' } | { kind: 'relay'; url: string };

export let db: GuanjiaDexie;
export let engine: SyncEngine;
let direct: DirectSync | undefined;
let relay: RelayClient | undefined;
let relayLive = false;
let onSignal: SignalListener = () => {};

/** One clock for both contexts of the bench's browser: ms since the epoch, sub-ms resolution. */
export const now = (): number => performance.timeOrigin + performance.now();

async function open(name: string): Promise<string> {
  await openDatabase(name).delete();
  db = openDatabase(name);
  await db.open();
  return (await syncState(db)).device;
}

async function begin(keys: OfficeKeys, peer: string, road: Road): Promise<void> {
  await saveOfficeKeys(db, keys);
  engine = new SyncEngine(db, keys);
  if (road.kind === 'relay') {
    relay = startRelayClient(engine, road.url, {
      onPhase: (phase) => (relayLive = phase === 'live')
    });
    return;
  }
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
}

window.benchTablet = {
  open,
  /** This tablet founds the office: returns what the other tablet needs to join it. */
  async found(peer: string, road: Road): Promise<Founding> {
    const keys = createOfficeKeys((await syncState(db)).device);
    await begin(keys, peer, road);
    return {
      office: keys.office,
      officePublic: toBase64Url(keys.officePublic),
      officeSecret: toBase64Url(keys.officeSecret as Uint8Array),
      epochs: keys.epochs.map((k) => ({ epoch: k.epoch, raw: toBase64Url(k.raw) }))
    };
  },
  /** As if paired: the office's keys and a certificate of its own. */
  async join(founding: Founding, peer: string, road: Road): Promise<void> {
    const officeSecret = fromBase64Url(founding.officeSecret);
    const keys: OfficeKeys = {
      office: founding.office,
      officePublic: fromBase64Url(founding.officePublic),
      officeSecret,
      epochs: founding.epochs.map((k) => ({ epoch: k.epoch, raw: fromBase64Url(k.raw) })),
      epochFrom: { 1: 1 },
      ...deviceIdentity(officeSecret, founding.office, (await syncState(db)).device)
    };
    await begin(keys, peer, road);
  },
  signal(from: string, data: unknown): void {
    onSignal(from, data);
  },
  /** Whether this tablet's road is up: a data channel with a sync session, or a live relay session. */
  connected: () => (relay ? relayLive : (direct?.connected().length ?? 0) > 0)
};

declare global {
  interface Window {
    benchSignal(to: string, data: unknown): Promise<boolean>;
    benchTablet: {
      open(name: string): Promise<string>;
      found(peer: string, road: Road): Promise<Founding>;
      join(founding: Founding, peer: string, road: Road): Promise<void>;
      signal(from: string, data: unknown): void;
      connected(): boolean;
    };
  }
}
