import type { SyncApi } from '$lib/sync/api';
import { newDeviceId } from '$lib/sync/crypto';
import type { OfficeKeys } from '$lib/sync/office-keys';
import { syncLog } from '$lib/sync/sync-log';
import { SignalClock } from '$lib/sync/webrtc/signal-clock';
import { addChannel, type CollabChannel } from './channels';
import {
  EphemeralRefused,
  isSealedEphemeral,
  openEphemeral,
  sealEphemeral
} from './sealed-ephemeral';

export interface DeviceChannelOptions {
  /** This device's keys (current epoch, certificate): seal what goes out, open what comes in. */
  keys(): OfficeKeys;
  now?: () => number;
}

/**
 * Awareness (cursors, who is in a shift) to and from the office's other devices, sealed
 * (sealed-ephemeral.ts) and carried by the relay's signalling. Document updates never travel
 * here: they ride the op log. How often it sends is up to the document (collab-doc.ts sends
 * awareness at most every AWARENESS_MS); what it receives is checked, and anything forged,
 * altered or replayed is logged and dropped.
 *
 * Limits: needs the relay (the signalling road); a tablet reachable only over a direct
 * WebRTC channel gets the text, not the cursors.
 */
export function deviceChannel(api: SyncApi, options: DeviceChannelOptions): CollabChannel {
  const clock = new SignalClock(options.now);
  const tab = newDeviceId();
  let sending: Promise<void> = Promise.resolve();
  return {
    reach: 'device',
    send(message) {
      if (message.kind !== 'awareness') return;
      const body = { doc: message.doc, update: message.update };
      // In order: a later cursor must not overtake an earlier one at the receiver's clock.
      sending = sending.then(async () => {
        try {
          const sealed = await sealEphemeral(options.keys(), tab, body, clock.stamp());
          for (const peer of await api.otherDevices()) void api.signal(peer, sealed);
        } catch (error) {
          syncLog('ephemeral-failed', { error: String(error) });
        }
      });
    },
    listen(receive) {
      let opening: Promise<void> = Promise.resolve();
      return api.onSignal((from, data) => {
        if (!isSealedEphemeral(data)) return; // WebRTC signalling: direct-sync's
        opening = opening.then(async () => {
          try {
            const opened = await openEphemeral(options.keys(), from, data);
            if (!clock.accept(`${opened.from}/${opened.tab}`, opened.at))
              return syncLog('reject', { from, channel: 'collab-ephemeral', reason: 'replay' });
            receive({ kind: 'awareness', doc: opened.body.doc, update: opened.body.update });
          } catch (error) {
            const reason = error instanceof EphemeralRefused ? error.reason : 'error';
            syncLog('reject', { from, channel: 'collab-ephemeral', reason });
          }
        });
      });
    }
  };
}

let current: { api: SyncApi; stop: () => void } | undefined;

/** Carry awareness over this sync (once; again when sync was restarted with new keys). */
export function startDeviceChannel(api: SyncApi, keys: () => OfficeKeys): void {
  if (current?.api === api) return;
  current?.stop();
  current = { api, stop: addChannel(deviceChannel(api, { keys })) };
}
