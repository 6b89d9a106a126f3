/**
 * Ephemeral messages about an open document: who is in it and where their cursor is
 * (y-protocols awareness), and, between tabs of one device, the document's updates. They
 * never enter the op log: they matter only while people are looking.
 *
 * A channel is anything that can carry small binary messages to the office's other open
 * copies of a document. This device's tabs talk over a BroadcastChannel; the sync session
 * adds a channel to other devices when it offers one (see `addChannel`), and the browser
 * tests add an in-page one.
 */
export type ChannelMessage =
  | { kind: 'awareness'; doc: string; update: Uint8Array }
  | { kind: 'update'; doc: string; update: Uint8Array };

export interface CollabChannel {
  /** 'tab': other tabs of this device (they share the local store); 'device': other devices. */
  readonly reach: 'tab' | 'device';
  send(message: ChannelMessage): void;
  listen(receive: (message: ChannelMessage) => void): () => void;
}

const channels = new Set<CollabChannel>();
const listeners = new Set<(message: ChannelMessage, from: CollabChannel) => void>();
const detach = new Map<CollabChannel, () => void>();

/** Carry collaborative messages over one more channel; returns how to stop. */
export function addChannel(channel: CollabChannel): () => void {
  channels.add(channel);
  detach.set(
    channel,
    channel.listen((message) => {
      for (const listener of listeners) listener(message, channel);
    })
  );
  return () => {
    channels.delete(channel);
    detach.get(channel)?.();
    detach.delete(channel);
  };
}

export function broadcast(message: ChannelMessage, reach?: CollabChannel['reach']): void {
  for (const channel of channels) if (!reach || channel.reach === reach) channel.send(message);
}

export function onChannelMessage(
  listener: (message: ChannelMessage, from: CollabChannel) => void
): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** This device's other tabs. */
export function tabChannel(name = 'guanjia-collab'): CollabChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const bc = new BroadcastChannel(name);
  return {
    reach: 'tab',
    send: (message) => bc.postMessage(message),
    listen(receive) {
      const handler = (event: MessageEvent<ChannelMessage>) => receive(event.data);
      bc.addEventListener('message', handler);
      return () => bc.removeEventListener('message', handler);
    }
  };
}

let tabsStarted = false;
/** Start the tab channel once per page. */
export function startTabChannel(): void {
  if (tabsStarted) return;
  tabsStarted = true;
  const tabs = tabChannel();
  if (tabs) addChannel(tabs);
}
