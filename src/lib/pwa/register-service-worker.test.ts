import { describe, expect, it } from 'vitest';
import { AppUpdate } from './app-update.svelte';
import {
  connectUpdates,
  type ControlEvent,
  type ServiceWorkerHost
} from './register-service-worker';

/** A stand-in for workbox-window: lets the test play the worker's lifecycle events. */
function fakeHost() {
  const listeners = new Map<string, ((event: ControlEvent) => void)[]>();
  let skipWaitingMessages = 0;
  const host: ServiceWorkerHost = {
    addEventListener(type, listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    messageSkipWaiting() {
      skipWaitingMessages++;
    },
    register: async () => undefined,
    update: async () => undefined
  };
  const emit = (type: 'waiting' | 'controlling', event: ControlEvent = {}) =>
    listeners.get(type)?.forEach((listener) => listener(event));
  return { host, emit, skipWaitingMessages: () => skipWaitingMessages };
}

describe('app update', () => {
  it('offers nothing until a new worker is waiting', () => {
    const update = new AppUpdate();
    const { host, emit } = fakeHost();
    let reloads = 0;
    connectUpdates(host, update, () => reloads++);
    // The first install takes control (clientsClaim): that is not an update.
    emit('controlling', { isUpdate: false });
    expect(update.available).toBe(false);
    expect(reloads).toBe(0);
  });

  it('waits for the user, then skips waiting and reloads once the new worker controls', async () => {
    const update = new AppUpdate();
    const { host, emit, skipWaitingMessages } = fakeHost();
    let reloads = 0;
    connectUpdates(host, update, () => reloads++);

    emit('waiting');
    expect(update.status).toBe('available');
    expect(skipWaitingMessages()).toBe(0);

    await update.apply();
    await update.apply(); // a second tap does nothing more
    expect(update.status).toBe('applying');
    expect(skipWaitingMessages()).toBe(1);
    expect(reloads).toBe(0);

    emit('controlling', { isUpdate: true });
    expect(reloads).toBe(1);
  });

  it('offers a reload when another tab applied the update', async () => {
    const update = new AppUpdate();
    const { host, emit, skipWaitingMessages } = fakeHost();
    let reloads = 0;
    connectUpdates(host, update, () => reloads++);

    emit('controlling', { isUpdate: true });
    expect(update.available).toBe(true);
    expect(reloads).toBe(0);
    await update.apply();
    expect(reloads).toBe(1);
    expect(skipWaitingMessages()).toBe(0);
  });
});
