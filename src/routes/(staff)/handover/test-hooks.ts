import { applyRemoteChunks, chunksSince } from '$lib/db/apply-remote';
import { database } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { addChannel, type ChannelMessage } from '$lib/collab/channels';

/**
 * For the browser tests only: when a test sets `localStorage['guanjia.testHooks']`, the
 * handover pages expose the op-log exchange and the awareness channel on `window.guanjiaTest`,
 * as text, so a test can carry them between two browser contexts (two "tablets") the way the
 * sync engine will. Without the flag nothing is exposed.
 */
export interface TestHooks {
  vector(): Promise<string>;
  /** The chunks the other side lacks, given its vector (JSON, bytes as base64). */
  outgoing(vector: string): Promise<string>;
  incoming(chunks: string): Promise<number>;
  /** Awareness messages sent since the last call, and delivery of the other side's. */
  takeMessages(): string;
  deliverMessages(messages: string): void;
}

declare global {
  interface Window {
    guanjiaTest?: TestHooks;
  }
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const encode = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? { $u8: toBase64(v) } : v));
const decode = <T>(text: string): T =>
  JSON.parse(text, (_k, v: unknown) =>
    v && typeof v === 'object' && '$u8' in v ? fromBase64(String((v as { $u8: string }).$u8)) : v
  ) as T;

export function installTestHooks(): void {
  if (typeof localStorage === 'undefined' || !localStorage.getItem('guanjia.testHooks')) return;
  if (window.guanjiaTest) return;
  let outbox: ChannelMessage[] = [];
  let receive: ((message: ChannelMessage) => void) | undefined;
  addChannel({
    reach: 'device',
    send: (message) => outbox.push(message),
    listen(r) {
      receive = r;
      return () => (receive = undefined);
    }
  });
  window.guanjiaTest = {
    vector: async () => JSON.stringify((await syncState(database())).vv),
    outgoing: async (vector) => encode(await chunksSince(JSON.parse(vector))),
    incoming: async (chunks) => (await applyRemoteChunks(decode(chunks))).applied,
    takeMessages() {
      const taken = outbox;
      outbox = [];
      return encode(taken);
    },
    deliverMessages(messages) {
      for (const m of decode<ChannelMessage[]>(messages)) receive?.(m);
    }
  };
}
