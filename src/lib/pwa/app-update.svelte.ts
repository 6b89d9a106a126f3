/**
 * Whether a new version of the app is ready, and applying it when the user agrees.
 * The service worker never takes over on its own (no skipWaiting): a tablet in the middle of a
 * complaint must not reload under the clerk's hands. IndexedDB is not touched by an update.
 */
export type UpdateStatus = 'current' | 'available' | 'applying';

export class AppUpdate {
  #status = $state<UpdateStatus>('current');
  #apply: (() => void | Promise<void>) | undefined;

  get status(): UpdateStatus {
    return this.#status;
  }

  /** True while the "新版本可用 · 刷新" bar should show. */
  get available(): boolean {
    return this.#status !== 'current';
  }

  /** A new version is waiting; `apply` activates it and reloads the page. */
  offer(apply: () => void | Promise<void>): void {
    this.#apply = apply;
    if (this.#status === 'current') this.#status = 'available';
  }

  /** The user tapped 刷新. Runs the offered action once, however often it is tapped. */
  async apply(): Promise<void> {
    if (this.#status !== 'available' || !this.#apply) return;
    this.#status = 'applying';
    await this.#apply();
  }

  reset(): void {
    this.#status = 'current';
    this.#apply = undefined;
  }
}

export const appUpdate = new AppUpdate();
