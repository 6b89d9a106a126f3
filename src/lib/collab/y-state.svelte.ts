import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';

/**
 * A value read from a Yjs type that follows its changes, local and remote, for runes:
 * reading `.current` in a component or effect subscribes while it is shown.
 */
/** What yState needs of a Yjs type (Y.Map, Y.Array, Y.XmlFragment …). */
interface Observable {
  observeDeep(f: () => void): void;
  unobserveDeep(f: () => void): void;
}

export function yState<T>(type: Observable, read: () => T): { readonly current: T } {
  let value = read();
  const subscribe = createSubscriber((update) => {
    value = read();
    const changed = () => {
      value = read();
      update();
    };
    type.observeDeep(changed);
    return () => type.unobserveDeep(changed);
  });
  return {
    get current() {
      subscribe();
      return $effect.tracking() ? value : read();
    }
  };
}

/** The others in a document right now (awareness), as staff ids, without this tab. */
export function othersIn(awareness: Awareness): { readonly current: string[] } {
  const read = () => {
    const ids: string[] = [];
    for (const [client, state] of awareness.getStates()) {
      const id = (state as { user?: { staffId?: string } }).user?.staffId;
      if (client !== awareness.clientID && id && !ids.includes(id)) ids.push(id);
    }
    return ids;
  };
  let value = read();
  const subscribe = createSubscriber((update) => {
    value = read();
    const changed = () => {
      value = read();
      update();
    };
    awareness.on('change', changed);
    return () => awareness.off('change', changed);
  });
  return {
    get current() {
      subscribe();
      return $effect.tracking() ? value : read();
    }
  };
}
