import type { SyncApi } from '$lib/sync/api';
import type { ChannelMessage, CollabChannel } from './channels';

/**
 * Awareness to the office's other devices over the sync session's relay signalling
 * (`SyncApi.signal`), until sync offers an ephemeral channel of its own. Only awareness
 * travels here (document updates ride the op log), and awareness carries staff ids, colours
 * and cursor positions, never names or text: names are looked up on the receiving tablet.
 *
 *   import { sync } from '$lib/sync/service';
 *   const api = sync(); if (api) addChannel(signalChannel(api));
 */
interface Wire {
  t: 'guanjia-awareness';
  d: string;
  u: string;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function isWire(data: unknown): data is Wire {
  const w = data as Partial<Wire> | null;
  return (
    typeof w === 'object' &&
    w !== null &&
    w.t === 'guanjia-awareness' &&
    typeof w.d === 'string' &&
    typeof w.u === 'string'
  );
}

export function signalChannel(api: SyncApi): CollabChannel {
  let peers: string[] = [];
  const refresh = () =>
    api.otherDevices().then(
      (devices) => (peers = devices),
      () => undefined
    );
  void refresh();
  return {
    reach: 'device',
    send(message: ChannelMessage) {
      if (message.kind !== 'awareness') return;
      const wire: Wire = { t: 'guanjia-awareness', d: message.doc, u: toBase64(message.update) };
      for (const peer of peers) void api.signal(peer, wire);
      void refresh();
    },
    listen(receive) {
      return api.onSignal((_from, data) => {
        if (isWire(data)) receive({ kind: 'awareness', doc: data.d, update: fromBase64(data.u) });
      });
    }
  };
}
