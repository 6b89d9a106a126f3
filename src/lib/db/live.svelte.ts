import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

export interface Live<T> {
  /** The latest result; undefined until the first one arrives. */
  readonly current: T | undefined;
  readonly loading: boolean;
  readonly error: unknown;
}

/**
 * A Dexie `liveQuery` usable from runes: reading `.current` in a component or effect
 * subscribes, and the value follows every change to the tables the query read — from
 * this tab, another tab (Dexie broadcasts) or a sync. Unsubscribes when nobody reads it.
 * For a query that depends on reactive input, wrap it: `$derived(live(() => find(term)))`.
 */
export function live<T>(query: () => T | Promise<T>): Live<T> {
  let current = $state<T>();
  let loading = $state(true);
  let error = $state<unknown>();
  const subscribe = createSubscriber((update) => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        current = value;
        loading = false;
        error = undefined;
        update();
      },
      error: (e: unknown) => {
        error = e;
        loading = false;
        update();
      }
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      subscribe();
      return current;
    },
    get loading() {
      subscribe();
      return loading;
    },
    get error() {
      subscribe();
      return error;
    }
  };
}
