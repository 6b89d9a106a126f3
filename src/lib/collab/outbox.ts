import * as Y from 'yjs';
import type { Actor } from '$lib/db/write';
import { frameUpdate } from './frame';

/** Wait this long after a keystroke for the next one: a burst of typing becomes one op. */
export const BURST_MS = 10;
/** …but never hold changes longer than this while someone keeps typing. */
export const MAX_HOLD_MS = 100;

export type SendUpdates = (actor: Actor, updates: Uint8Array[]) => Promise<void>;

export interface OutboxOptions {
  /** Who is typing now; null while the tablet is locked (changes wait). */
  actor: () => Actor | null;
  send: SendUpdates;
  /** Remembered synchronously while changes are unsent, so a crash before sending is repaired on the next open. */
  markUnsent?: (unsent: boolean) => void;
  onError?: (error: unknown) => void;
}

/**
 * Collects this device's own changes to a document and puts them in the op log, merged: one
 * chunk per burst of typing rather than one per keystroke (each chunk costs a transaction
 * on this device and a record on every other). Changes that came from elsewhere (`skip`:
 * another device, the local store) are not sent.
 */
export class Outbox {
  #queue: Uint8Array[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #since = 0;
  #sending: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #options: OutboxOptions;
  readonly #doc: Y.Doc;
  readonly #skip: ReadonlySet<unknown>;

  constructor(doc: Y.Doc, skip: Iterable<unknown>, options: OutboxOptions) {
    this.#doc = doc;
    this.#skip = new Set(skip);
    this.#options = options;
    doc.on('update', this.#onUpdate);
  }

  #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.#skip.has(origin) || this.#closed) return;
    if (!this.#queue.length) {
      this.#since = Date.now();
      this.#options.markUnsent?.(true);
    }
    this.#queue.push(update);
    clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(BURST_MS, this.#since + MAX_HOLD_MS - Date.now()));
    this.#timer = setTimeout(() => void this.flush(), wait);
  };

  /** Send what is queued now (also called on close and before signing). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#sending = this.#sending.then(async () => {
      const actor = this.#options.actor();
      if (!this.#queue.length || !actor) return;
      const updates = this.#queue;
      this.#queue = [];
      try {
        await this.#options.send(actor, [frameUpdate(Y.mergeUpdates(updates))]);
        if (!this.#queue.length) this.#options.markUnsent?.(false);
      } catch (error) {
        // Keep them for the next try: nothing typed is dropped.
        this.#queue = [...updates, ...this.#queue];
        this.#options.onError?.(error);
      }
    });
    return this.#sending;
  }

  /** Send a document's whole state (after a crash left changes unsent; Yjs ignores what peers hold). */
  async resendAll(): Promise<void> {
    this.#queue.push(Y.encodeStateAsUpdate(this.#doc));
    await this.flush();
  }

  get pending(): number {
    return this.#queue.length;
  }

  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    this.#doc.off('update', this.#onUpdate);
  }
}
