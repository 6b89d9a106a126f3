import { Dexie, liveQuery } from 'dexie';
import type { GuanjiaDexie } from '$lib/db/database';
import { newDeviceId } from '$lib/db/ids';
import {
  addMembership,
  officeDatabase,
  officeDatabaseName,
  officeRegistry,
  type Membership,
  type OfficeRegistry
} from '$lib/db/offices';
import { initSyncState } from '$lib/db/sync-state';
import type { SyncPhase } from './api';
import { SyncEngine } from './engine';
import { loadOfficeKeys, saveOfficeKeys } from './office-keys';
import { requestToJoin, type PairingCode } from './pairing';
import { startRelayClient } from './relay-client';
import { isRelayUrl, loadRelayUrl, saveRelayUrl } from './relay-url';
import { absorbKeyGrants } from './rotation';
import { syncLog } from './sync-log';
import type { WebSocketClass } from './websocket-transport';

/**
 * Issue 21 §4, the sync side of a company device: it joins each office through that
 * office's pairing flow (its manager approves, as for any tablet; the request says
 * "company" and the manager's device pairs it read-only: pairing.ts), keeps that office's
 * keys in that office's own database (lib/db/offices.ts), and runs one relay client per
 * office, each with its own engine and keys. It only receives: the company role authors
 * nothing, so there is nothing of its own to push. The relay sees ciphertext, as always.
 */
export async function joinAsCompany(
  code: PairingCode,
  name: string,
  options: { registry?: OfficeRegistry; Socket?: WebSocketClass; now?: number } = {}
): Promise<Membership> {
  const registry = options.registry ?? officeRegistry();
  const device = newDeviceId();
  const grant = await requestToJoin(code, name, device, { company: true, Socket: options.Socket });
  const office = grant.keys.office;
  if (!grant.companyStaff) throw new Error('not paired as a company device');
  if (await registry.memberships.get(office)) throw new Error('already');
  // A database left by an attempt that never completed holds nothing of use: start clean.
  await Dexie.delete(officeDatabaseName(office));
  const db = officeDatabase({ dbName: officeDatabaseName(office) });
  await initSyncState(db, device);
  await saveOfficeKeys(db, grant.keys);
  await saveRelayUrl(db, grant.relay);
  return addMembership(
    {
      office,
      name: '',
      actor: { staffId: grant.companyStaff, role: 'company' },
      joinedAt: options.now ?? Date.now()
    },
    registry
  );
}

export interface OfficeSyncStatus {
  phase: SyncPhase | 'refused' | 'off';
  progress: { done: number; total: number } | null;
}

export interface OfficeSync {
  readonly engine: SyncEngine;
  stop(): void;
}

/**
 * Receive one office's changes through its relay (reconnecting), into its own database,
 * with that office's keys; absorb a key rotation from this device's row like a tablet does.
 */
export async function startOfficeSync(
  db: GuanjiaDexie,
  onStatus: (status: OfficeSyncStatus) => void,
  Socket?: WebSocketClass
): Promise<OfficeSync | undefined> {
  const keys = await loadOfficeKeys(db);
  if (!keys) return undefined;
  const url = await loadRelayUrl(db);
  const engine = new SyncEngine(db, keys);
  const status: OfficeSyncStatus = { phase: 'off', progress: null };
  const report = (next: Partial<OfficeSyncStatus>) => onStatus(Object.assign(status, next));
  if (!isRelayUrl(url)) {
    report({ phase: 'off' });
    return { engine, stop() {} };
  }
  report({ phase: 'connecting' });
  const relay = startRelayClient(engine, url, {
    Socket,
    onPhase(phase) {
      if (status.phase === 'refused') return;
      report({ phase: phase === 'closed' ? 'connecting' : phase, progress: null });
    },
    onProgress(done, total) {
      report({ progress: total > 0 && done < total ? { done, total } : null });
    },
    onRefused() {
      report({ phase: 'refused', progress: null });
    }
  });
  const grants = liveQuery(() => db.device.get(engine.device)).subscribe({
    next(row) {
      if (!row) return;
      void absorbKeyGrants(engine, row).then(async (next) => {
        if (!next) return;
        await saveOfficeKeys(db, next);
        engine.updateKeys(next);
      });
    },
    error: (error: unknown) => syncLog('watch-failed', { error: String(error) })
  });
  return {
    engine,
    stop() {
      grants.unsubscribe();
      relay.stop();
    }
  };
}
