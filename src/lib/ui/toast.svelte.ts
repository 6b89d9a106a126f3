/**
 * Short messages after an action ("已保存", "保存失败"). A tiny store any code may call;
 * `toast-region.svelte` shows them.
 */
export type ToastKind = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

// Confirmations fade; errors stay until dismissed, because someone may be looking away
// from the tablet when a save fails.
const lifetimes: Record<ToastKind, number | null> = { success: 4000, info: 6000, error: null };

class Toasts {
  #items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  get items(): readonly Toast[] {
    return this.#items;
  }

  /** Shows a message (already translated); returns its id for dismiss(). */
  show(message: string, kind: ToastKind = 'info'): number {
    const id = this.#next++;
    this.#items = [...this.#items.slice(-4), { id, kind, message }];
    const lifetime = lifetimes[kind];
    if (lifetime !== null)
      this.#timers.set(
        id,
        setTimeout(() => this.dismiss(id), lifetime)
      );
    return id;
  }

  success(message: string): number {
    return this.show(message, 'success');
  }

  info(message: string): number {
    return this.show(message, 'info');
  }

  error(message: string): number {
    return this.show(message, 'error');
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.#items = this.#items.filter((toast) => toast.id !== id);
  }

  /** Empty, for tests. */
  reset(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#items = [];
  }
}

export const toasts = new Toasts();
